/**
 * A killed import leaves the store consistent: all of the file or none of it, never part,
 * and running the same import again completes it exactly once.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { raw } from '../src/query/sql.js';
import { openStore } from '../src/service/workspace-store.js';
import { assertBuilt, BIN, cli } from './cli.js';

const ROWS = 600_000;
let dir: string;
let file: string;

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'jl-crash-'));
  file = join(dir, 'big.csv');
  const out = createWriteStream(file);
  out.write('case_id,activity,timestamp,channel\n');
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const t = new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString();
    lines.push(`c${Math.floor(i / 6)},step ${i % 6},${t},web`);
  }
  out.end(lines.join('\n') + '\n');
  await new Promise<void>((resolve) => out.on('finish', () => resolve()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function counts(ws: string): Promise<{ events: number; imports: number }> {
  const store = await openStore(ws);
  try {
    const [row] = await store.all<{ events: number; imports: number }>(
      raw(
        'SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM imports) AS imports',
      ),
    );
    return row ?? { events: -1, imports: -1 };
  } finally {
    await store.close();
  }
}

it.each([150, 400, 800])(
  'an import killed after %i ms is all or nothing, and a re-run completes it once',
  async (delay) => {
    const ws = join(dir, `ws-${delay}`);
    const child = spawn(process.execPath, [BIN, 'import', file, '-w', ws], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, delay));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));

    if (existsSync(join(ws, '.journeylens', 'store.duckdb'))) {
      const after = await counts(ws);
      expect([0, ROWS]).toContain(after.events);
      expect(after.imports).toBe(after.events === 0 ? 0 : 1);
    }
    const rerun = await cli(['import', file, '-w', ws]);
    expect(rerun.code).toBe(0);
    expect(await counts(ws)).toEqual({ events: ROWS, imports: 1 });
  },
);
