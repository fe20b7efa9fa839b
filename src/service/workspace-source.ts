/**
 * The current workspace model for the parts of the server that answer from memory (routing).
 * The file `journeylens.yaml` is the source of truth — the model editor and a person with a
 * text editor both write it — so the file source checks it every `pollMs` and reloads it when
 * it changed; a file that no longer validates is logged and the last good model stays in use.
 * Reading `current()` never touches the disk.
 */
import { stat } from 'node:fs/promises';
import type { TWorkspace } from '../model/workspace-schema.js';
import { loadWorkspaceDir, workspaceFile } from './workspace-files.js';

export type TLog = {
  log(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
};

export type TWorkspaceSource = {
  /** The model in use now. */
  current(): TWorkspace;
  /** Called with each new model after it replaced the old one. */
  onChange(fn: (workspace: TWorkspace) => void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
};

/** A model held in memory (tests, embedding); `set` replaces it. */
export function memoryWorkspace(
  initial: TWorkspace,
): TWorkspaceSource & { set(ws: TWorkspace): void } {
  let workspace = initial;
  const listeners: ((ws: TWorkspace) => void)[] = [];
  return {
    current: () => workspace,
    onChange: (fn) => listeners.push(fn),
    set(ws) {
      workspace = ws;
      for (const fn of listeners) fn(ws);
    },
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}

/** The model of a workspace folder's `journeylens.yaml`, reloaded when the file changes. */
export function fileWorkspace(dir: string, log: TLog, pollMs = 1000): TWorkspaceSource {
  let workspace: TWorkspace | undefined;
  let seen = '';
  let timer: NodeJS.Timeout | undefined;
  let checking = false;
  const listeners: ((ws: TWorkspace) => void)[] = [];
  const file = workspaceFile(dir);
  const signature = async (): Promise<string> => {
    const s = await stat(file);
    return `${s.mtimeMs}:${s.size}`;
  };
  const check = async (): Promise<void> => {
    if (checking) return;
    checking = true;
    try {
      const now = await signature();
      if (now === seen) return;
      seen = now;
      const next = await loadWorkspaceDir(dir);
      workspace = next;
      log.log('info', 'workspace reloaded', { file });
      for (const fn of listeners) fn(next);
    } catch (e) {
      log.log('error', 'workspace not reloaded: the last good model stays in use', {
        file,
        error: (e as Error).message,
      });
    } finally {
      checking = false;
    }
  };
  return {
    current() {
      if (workspace === undefined) throw new Error('the workspace source was not started');
      return workspace;
    },
    onChange: (fn) => listeners.push(fn),
    async start() {
      seen = await signature();
      workspace = await loadWorkspaceDir(dir);
      timer = setInterval(() => void check(), pollMs);
      timer.unref();
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      return Promise.resolve();
    },
  };
}
