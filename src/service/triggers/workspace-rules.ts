/**
 * The workspace whose moments of truth the live evaluation watches: the folder's
 * `journeylens.yaml`, read again when its modification time or size changes (looked at with
 * each batch: a few microseconds). A file that does not validate — someone is editing it —
 * keeps the rules read before, and says so in the log once.
 */
import { stat } from 'node:fs/promises';
import type { TWorkspace } from '../../model/workspace-schema.js';
import { loadWorkspaceIfAny, workspaceFile } from '../workspace-files.js';
import type { TWorkerLog } from './delivery-worker.js';

export type TWorkspaceLoader = () => Promise<TWorkspace | undefined>;

export function workspaceRules(dir: string, log: TWorkerLog): TWorkspaceLoader {
  let seen: string | undefined;
  let workspace: TWorkspace | undefined;
  return async () => {
    if (dir === ':memory:') return undefined;
    const now = await stat(workspaceFile(dir)).then(
      (s) => `${s.mtimeMs}:${s.size}`,
      () => 'none',
    );
    if (now === seen) return workspace;
    seen = now;
    try {
      workspace = await loadWorkspaceIfAny(dir);
    } catch (e) {
      log.log('warn', 'workspace does not load: moments of truth keep the rules read before', {
        error: (e as Error).message,
      });
    }
    return workspace;
  };
}
