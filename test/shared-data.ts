/**
 * Access to the real public data in `../shared/data` (see its README). Tests that need it skip,
 * saying why, where the folder is absent (a fresh clone), and fail under CI, where it must be.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { readConfig } from '../src/config.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the shared data is expected: `../shared/data` beside the repository. */
export const SHARED_DATA_PATH = resolve(REPO_ROOT, '..', 'shared', 'data');

/** The absolute path of the shared data folder, or undefined when it is absent. */
export function sharedDataDir(): string | undefined {
  return existsSync(SHARED_DATA_PATH) ? SHARED_DATA_PATH : undefined;
}

/**
 * `describe` for tests on the shared data; `fn` gets the folder's path. Without the folder the
 * block is skipped with the reason in its name, or, when CI is set, fails.
 */
export function describeWithSharedData(name: string, fn: (dir: string) => void): void {
  const dir = sharedDataDir();
  if (dir !== undefined) {
    describe(name, () => fn(dir));
  } else if (readConfig().ci) {
    describe(name, () => {
      it('has the shared data', () => {
        throw new Error(`${SHARED_DATA_PATH} is missing; CI must provide ../shared/data`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: no shared data at ${SHARED_DATA_PATH})`, () =>
      fn(SHARED_DATA_PATH));
  }
}
