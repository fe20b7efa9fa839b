/**
 * Where a workspace keeps its data: `<workspace>/.journeylens/store.duckdb`, beside the
 * `journeylens.yaml` that is kept in version control (the folder carries its own
 * .gitignore). One-shot commands use an in-memory store instead.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from '../config.js';
import { createSchema } from '../query/schema.js';
import { openDuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { TStore } from '../store/store.js';

export const STORE_DIR = '.journeylens';
export const STORE_FILE = 'store.duckdb';

export function storePath(workspaceDir: string): string {
  return join(workspaceDir, STORE_DIR, STORE_FILE);
}

/** Opens (creating if needed) the store of a workspace folder, or an in-memory one for `':memory:'`. */
export async function openStore(workspaceDir: string): Promise<TStore> {
  const config = readConfig();
  let path = ':memory:';
  if (workspaceDir !== ':memory:') {
    const dir = join(workspaceDir, STORE_DIR);
    await mkdir(dir, { recursive: true });
    const ignore = join(dir, '.gitignore');
    if (!existsSync(ignore))
      await writeFile(ignore, '# Journeylens data store: not for version control\n*\n');
    path = storePath(workspaceDir);
  }
  const store = await openDuckDbStore({
    path,
    threads: config.threads,
    memoryLimit: config.memoryLimit,
  });
  for (const statement of createSchema()) await store.exec(statement);
  return store;
}
