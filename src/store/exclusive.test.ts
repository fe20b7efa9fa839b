import { afterEach, beforeEach, expect, it } from 'vitest';
import { raw } from '../query/sql.js';
import { openDuckDbStore } from './duckdb/duckdb-store.js';
import { exclusive } from './exclusive.js';
import type { TStore } from './store.js';

let base: TStore;
let store: TStore;
beforeEach(async () => {
  base = await openDuckDbStore({ path: ':memory:' });
  store = exclusive(base);
  await store.exec(raw('CREATE TABLE t (x INTEGER)'));
});
afterEach(async () => {
  await store.close();
});

const values = async (s: TStore): Promise<number[]> =>
  (await s.all<{ x: number }>(raw('SELECT x FROM t ORDER BY x'))).map((r) => r.x);

it('keeps a concurrent statement out of another caller’s transaction', async () => {
  let release!: () => void;
  const paused = new Promise<void>((r) => (release = r));
  const failing = store
    .transaction(async () => {
      await store.exec(raw('INSERT INTO t VALUES (1)'));
      await paused;
      throw new Error('roll back');
    })
    .catch((e: Error) => e.message);
  // Queued behind the transaction; on the bare connection it would run inside it and vanish.
  const insert = store.exec(raw('INSERT INTO t VALUES (2)'));
  release();
  expect(await failing).toBe('roll back');
  await insert;
  expect(await values(store)).toEqual([2]);
});

it('runs calls in arrival order, and after a failed one', async () => {
  const results = await Promise.allSettled([
    store.exec(raw('INSERT INTO t VALUES (1)')),
    store.exec(raw('INSERT INTO nowhere VALUES (1)')),
    store.exec(raw('INSERT INTO t VALUES (3)')),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(await values(store)).toEqual([1, 3]);
});

it('forks a session that sees committed data and keeps its own temp tables', async () => {
  await store.exec(raw('INSERT INTO t VALUES (7)'));
  const other = await store.fork();
  try {
    expect(await values(other)).toEqual([7]);
    await other.exec(raw('CREATE TEMP TABLE scratch AS SELECT 1 AS y'));
    await expect(store.all(raw('SELECT * FROM scratch'))).rejects.toThrow(/scratch/);
  } finally {
    await other.close();
  }
  // Closing the fork leaves the database open.
  expect(await values(store)).toEqual([7]);
});
