/**
 * Reads and writes a workspace folder's `journeylens.yaml`. Validation itself is pure
 * (src/model/workspace.ts); this is only the file I/O around it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TWorkspace } from '../model/workspace-schema.js';

export const WORKSPACE_FILE = 'journeylens.yaml';

export class WorkspaceFileError extends Error {
  override name = 'WorkspaceFileError';
}

export function workspaceFile(dir: string): string {
  return join(dir, WORKSPACE_FILE);
}

export async function loadWorkspaceDir(dir: string): Promise<TWorkspace> {
  const file = workspaceFile(dir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new WorkspaceFileError(
      `${file}: no workspace here; create one with \`journeylens init ${dir}\``,
    );
  }
  // Loaded on demand: the schema costs start-up time that one-shot commands do not need.
  const { loadWorkspaceOrThrow } = await import('../model/workspace.js');
  return loadWorkspaceOrThrow(text, file);
}

/** The workspace if the folder has one, else undefined (for commands where it is optional). */
export async function loadWorkspaceIfAny(dir: string): Promise<TWorkspace | undefined> {
  try {
    await readFile(workspaceFile(dir), 'utf8');
  } catch {
    return undefined;
  }
  return loadWorkspaceDir(dir);
}
