import { describe, expect, it } from 'vitest';
import type { TEntry } from '../../../service/brainstorms/brainstorm-types.js';
import { applyEvent, groupDuplicates, move, slugify, timeLeft } from './brainstorm-view.js';

const e = (n: number, extra: Partial<TEntry> = {}): TEntry => ({
  id: `e${n}`,
  n,
  text: `entry ${n}`,
  channel: null,
  stage: null,
  duplicateOf: null,
  mine: false,
  ...extra,
});

describe('applyEvent', () => {
  it('adds in board order, replaces a changed entry, removes, merges and locks', () => {
    let list = [e(1), e(3)];
    list = applyEvent(list, { type: 'entry', change: 'added', entry: e(2, { mine: true }) });
    expect(list.map((x) => x.id)).toEqual(['e1', 'e2', 'e3']);
    list = applyEvent(list, { type: 'entry', change: 'added', entry: e(2, { mine: true }) });
    expect(list.length).toBe(3);
    list = applyEvent(list, { type: 'entry', change: 'changed', entry: e(1, { text: 'new' }) });
    expect(list[0]?.text).toBe('new');
    list = applyEvent(list, { type: 'merged', entries: [{ id: 'e3', duplicateOf: 'e1' }] });
    expect(list[2]?.duplicateOf).toBe('e1');
    list = applyEvent(list, { type: 'removed', id: 'e1' });
    expect(list.map((x) => x.id)).toEqual(['e2', 'e3']);
    list = applyEvent(list, { type: 'locked', endsAt: '2026-03-01T10:00:00Z' });
    expect(list.some((x) => x.mine)).toBe(false);
  });
});

describe('timeLeft', () => {
  it.each([
    [125_000, '2:05 left'],
    [3_723_000, '1:02:03 left'],
    [400, '0:01 left'],
    [0, 'Time is up'],
    [-5000, 'Time is up'],
  ])('%i ms → %s', (ms, words) => expect(timeLeft(ms, 0)).toBe(words));
});

describe('slugify, move and groupDuplicates', () => {
  it('makes ids from names', () => {
    expect(slugify('Where is my parcel?')).toBe('where-is-my-parcel');
    expect(slugify('  Café — Übergabe ')).toBe('cafe-ubergabe');
  });
  it('moves an item and clamps', () => {
    expect(move(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b', 'c'], 1, 9)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });
  it('groups duplicates under their original', () => {
    const groups = groupDuplicates([
      e(1),
      e(2, { duplicateOf: 'e1' }),
      e(3),
      e(4, { duplicateOf: 'e1' }),
    ]);
    expect(groups.map((g) => [g.entry.id, g.duplicates.map((d) => d.id)])).toEqual([
      ['e1', ['e2', 'e4']],
      ['e3', []],
    ]);
  });
});
