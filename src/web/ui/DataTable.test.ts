import { describe, expect, it } from 'vitest';
import { compare, numberColumn } from './DataTable.js';
import { count, decimal, percent } from './format.js';

type TRow = { n: number | null; share: number };

describe('numberColumn: a column of numbers, shown formatted', () => {
  const journeys = numberColumn<TRow>({
    key: 'n',
    label: 'Journeys',
    value: (r) => r.n,
    format: count,
  });

  it('is numeric, and sorts and exports by the raw number', () => {
    expect(journeys).toMatchObject({ key: 'n', label: 'Journeys', numeric: true });
    expect(journeys.value({ n: 1234.4, share: 0 })).toBe(1234.4);
    expect(journeys.value({ n: null, share: 0 })).toBeNull();
  });

  it.each([
    [{ n: 1234.4, share: 0 }, '1,234'],
    [{ n: null, share: 0 }, '–'],
  ])('shows %o as %s', (row, shown) => {
    expect(journeys.render?.(row)).toBe(shown);
  });

  it('formats with the function given, and keeps the header tooltip', () => {
    const share = numberColumn<TRow>({
      key: 'share',
      label: 'Share',
      title: 'share of all journeys',
      value: (r) => r.share,
      format: percent,
    });
    expect(share.render?.({ n: 1, share: 0.1234 })).toBe('12.3%');
    expect(share.title).toBe('share of all journeys');
    const perMonth = numberColumn<TRow>({
      key: 'perMonth',
      label: 'Per month',
      value: (r) => r.share,
      format: (v) => decimal(v, 1),
    });
    expect(perMonth.render?.({ n: 1, share: 2.46 })).toBe('2.5');
    expect(perMonth.title).toBeUndefined();
  });

  it('puts unknown numbers last whichever the direction', () => {
    const rows: TRow[] = [
      { n: 2, share: 0 },
      { n: null, share: 0 },
      { n: 10, share: 0 },
    ];
    const by = (direction: 1 | -1) =>
      [...rows].sort((a, b) => compare(journeys.value(a), journeys.value(b), direction));
    expect(by(1).map((r) => r.n)).toEqual([2, 10, null]);
    expect(by(-1).map((r) => r.n)).toEqual([10, 2, null]);
  });
});
