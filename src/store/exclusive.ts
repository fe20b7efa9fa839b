/**
 * One session of a store shared by concurrent callers (the server's requests): each call, and
 * each transaction as a whole, runs alone, in arrival order. Without this, the awaits of two
 * requests interleave on one connection and a statement of one lands inside the other's
 * transaction. Calls made inside a transaction's function belong to it and run at once.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TSql } from '../query/sql.js';
import type { TExecOptions, TRow, TStore, TTextBatch } from './store.js';

export function exclusive(store: TStore): TStore {
  let tail: Promise<unknown> = Promise.resolve();
  const inside = new AsyncLocalStorage<true>();
  /** Runs `fn` after every call queued before it; a call inside a transaction runs at once. */
  const queued = <T>(fn: () => Promise<T>): Promise<T> => {
    if (inside.getStore() === true) return fn();
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
  return {
    dialect: store.dialect,
    exec: (q: TSql, options?: TExecOptions) => queued(() => store.exec(q, options)),
    all: <T extends TRow = TRow>(q: TSql) => queued(() => store.all<T>(q)),
    transaction: <T>(fn: () => Promise<T>) =>
      queued(() => inside.run(true, () => store.transaction(fn))),
    stageText: (name: string, columns: readonly string[], batches: AsyncIterable<TTextBatch>) =>
      queued(() => store.stageText(name, columns, batches)),
    dropStaged: (name: string) => queued(() => store.dropStaged(name)),
    fork: () => store.fork(),
    close: () => queued(() => store.close()),
  };
}
