/**
 * The typed-array tables of the live context against the plain Map and arrays they replace:
 * random operations (fast-check) on both must give the same answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContactLists } from './contact-lists.js';
import { SegmentTable } from './segment-table.js';
import { StringIndex } from './string-index.js';

describe('StringIndex', () => {
  it('numbers keys densely in the order they come, and finds them again', () => {
    const index = new StringIndex();
    expect([index.add('C1'), index.add('C2'), index.add('C1'), index.add('')]).toEqual([
      0, 1, 0, 2,
    ]);
    expect([index.indexOf('C2'), index.indexOf('C3'), index.size]).toEqual([1, -1, 3]);
    expect(index.keyAt(1)).toBe('C2');
  });

  it('keeps every key through growth, non-ASCII and long keys included', () => {
    const index = new StringIndex();
    const keys = Array.from({ length: 50_000 }, (_, i) =>
      i % 7 === 0 ? `Zoë-${i}-€` : i % 1000 === 1 ? `long-${'x'.repeat(300)}-${i}` : `C${i}`,
    );
    keys.forEach((k, i) => expect(index.add(k)).toBe(i));
    expect(keys.every((k, i) => index.indexOf(k) === i)).toBe(true);
    expect(index.indexOf('C50000')).toBe(-1);
    expect(index.keyAt(7)).toBe('Zoë-7-€');
  });

  it('agrees with a Map on any sequence of keys', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 400 }), (keys) => {
        const index = new StringIndex();
        const map = new Map<string, number>();
        for (const k of keys) {
          if (!map.has(k)) map.set(k, map.size);
          expect(index.add(k)).toBe(map.get(k));
        }
        for (const [k, i] of map) expect(index.indexOf(k)).toBe(i);
      }),
    );
  });
});

describe('SegmentTable', () => {
  it('tells known customers, their segment or none, from unknown ones', () => {
    const table = new SegmentTable(['vip', 'regular']);
    table.set('C1', 0);
    table.set('C2', null);
    table.set('C3', 1);
    table.set('C3', 0);
    expect([table.get('C1'), table.get('C2'), table.get('C3'), table.get('C4')]).toEqual([
      { known: true, segment: 'vip' },
      { known: true, segment: null },
      { known: true, segment: 'vip' },
      { known: false, segment: null },
    ]);
    expect(table.size).toBe(3);
  });
});

/** What the live context kept before: a list per customer, in time order, trimmed. */
function reference(max: number) {
  const lists = new Map<string, [number, number][]>();
  return {
    lists,
    push(customer: string, since: number, ts: number, code: number) {
      const list = lists.get(customer) ?? [];
      let at = list.length;
      while (at > 0 && (list[at - 1]?.[0] ?? 0) > ts) at--;
      list.splice(at, 0, [ts, code]);
      const kept = list.filter(([t]) => t >= since).slice(-max);
      if (kept.length === 0) lists.delete(customer);
      else lists.set(customer, kept);
    },
    prune(since: number) {
      for (const [c, list] of lists) {
        const kept = list.filter(([t]) => t >= since);
        if (kept.length === 0) lists.delete(c);
        else lists.set(c, kept);
      }
    },
  };
}

describe('ContactLists', () => {
  const contents = (lists: ContactLists, customer: string) => {
    const out: [number, number][] = [];
    lists.forEach(customer, (ts, code) => out.push([ts, code]));
    return out;
  };

  it('keeps contacts in time order (ties in arrival order), drops old ones and the oldest beyond the limit', () => {
    const lists = new ContactLists(3);
    lists.push('C1', 0, 30, 1);
    lists.push('C1', 0, 10, 2);
    lists.push('C1', 0, 30, 3);
    lists.push('C1', 0, 20, 4);
    expect(contents(lists, 'C1')).toEqual([
      [20, 4],
      [30, 1],
      [30, 3],
    ]);
    lists.push('C1', 25, 40, 5);
    expect(contents(lists, 'C1')).toEqual([
      [30, 1],
      [30, 3],
      [40, 5],
    ]);
    expect(lists.pruneRange(35, 0, 10)).toBe(2);
    expect(lists.stats()).toEqual({ customersWithContacts: 1, contacts: 1 });
    expect(lists.pruneRange(100, 0, 10)).toBe(1);
    expect(lists.stats()).toEqual({ customersWithContacts: 0, contacts: 0 });
    expect(contents(lists, 'C2')).toEqual([]);
  });

  it('agrees with per-customer lists on any sequence of contacts and sweeps', () => {
    const op = fc.oneof(
      fc.record({
        customer: fc.constantFrom('a', 'b', 'c', 'd', 'é'),
        ts: fc.integer({ min: 0, max: 100 }),
        code: fc.integer({ min: 0, max: 1000 }),
        since: fc.integer({ min: 0, max: 60 }),
      }),
      fc.record({ sweep: fc.integer({ min: 0, max: 100 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.integer({ min: 1, max: 5 }), (ops, max) => {
        const lists = new ContactLists(max);
        const model = reference(max);
        for (const o of ops) {
          if ('sweep' in o) {
            lists.pruneRange(o.sweep, 0, lists.numbered);
            model.prune(o.sweep);
          } else {
            lists.push(o.customer, o.since, o.ts, o.code);
            model.push(o.customer, o.since, o.ts, o.code);
          }
        }
        for (const c of ['a', 'b', 'c', 'd', 'é']) {
          expect(contents(lists, c)).toEqual(model.lists.get(c) ?? []);
        }
        const total = [...model.lists.values()].reduce((n, l) => n + l.length, 0);
        expect(lists.stats()).toEqual({ customersWithContacts: model.lists.size, contacts: total });
      }),
    );
  });
});
