/**
 * For tests: a store that fails the statements a test picks, as a full disk or a killed
 * process would, and runs every other statement on the real store (same session).
 */
import { render, type TSql } from '../query/sql.js';
import type { TStore } from './store.js';

/** `store`, except that `exec` rejects with `message` every statement whose text `fails`. */
export function failingStore(
  store: TStore,
  fails: (text: string) => boolean,
  message: string,
): TStore {
  return Object.create(store, {
    exec: {
      value: (q: TSql) =>
        fails(render(q).text) ? Promise.reject(new Error(message)) : store.exec(q),
    },
  }) as TStore;
}
