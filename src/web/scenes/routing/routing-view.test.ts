import { describe, expect, it } from 'vitest';
import type { TContactReason } from './routing-types.js';
import {
  filterTaxonomy,
  nextDay,
  periodProblem,
  periodQuery,
  routeRequest,
  treatmentLabel,
  volumeCsv,
} from './routing-view.js';

const reasons: TContactReason[] = [
  {
    id: 'order',
    name: 'Order',
    secondary: [
      { id: 'track', name: 'Where is my order' },
      { id: 'cancel', name: 'Cancel my order' },
    ],
  },
  {
    id: 'delivery',
    name: 'Delivery',
    description: 'anything about the carrier',
    secondary: [
      { id: 'late', name: 'Delivery is late' },
      { id: 'damaged', name: 'Arrived damaged', description: 'broken in transit' },
    ],
  },
];

describe('the period of the reports', () => {
  it.each([
    ['2025-03-31', '2025-04-01'],
    ['2024-02-28', '2024-02-29'],
    ['2025-12-31', '2026-01-01'],
  ])('the day after %s is %s', (date, next) => {
    expect(nextDay(date)).toBe(next);
  });

  it.each<[string | undefined, string | undefined, string]>([
    [undefined, undefined, ''],
    ['2025-01-01', undefined, 'from=2025-01-01'],
    [undefined, '2025-06-30', 'to=2025-07-01'],
    ['2025-01-01', '2025-01-31', 'from=2025-01-01&to=2025-02-01'],
    ['2025-1-1', 'soon', ''],
  ])('from %s to %s (both days included) asks %s', (from, to, query) => {
    expect(periodQuery(from, to).toString()).toBe(query);
  });

  it('says when the period ends before it starts', () => {
    expect(periodProblem('2025-02-01', '2025-01-31')).toBe('the period ends before it starts');
    expect(periodProblem('2025-02-01', '2025-02-01')).toBeNull();
    expect(periodProblem('2025-02-01', undefined)).toBeNull();
  });
});

describe('the taxonomy browser', () => {
  it.each([
    ['', ['order/track', 'order/cancel', 'delivery/late', 'delivery/damaged']],
    ['ORDER', ['order/track', 'order/cancel']],
    ['late', ['delivery/late']],
    ['transit', ['delivery/damaged']],
    ['carrier', ['delivery/late', 'delivery/damaged']],
    ['refund', []],
  ])('"%s" shows %o', (text, shown) => {
    expect(
      filterTaxonomy(reasons, text).flatMap((r) => r.secondary.map((s) => `${r.id}/${s.id}`)),
    ).toEqual(shown);
  });
});

describe('trying a routing decision', () => {
  const form = {
    customer: ' C000042 ',
    primary: 'delivery',
    secondary: 'damaged',
    channel: 'phone',
  };

  it('sends the customer, the reason and the channel', () => {
    expect(routeRequest(form)).toEqual({
      request: {
        customer: { id: 'C000042' },
        reason: { primary: 'delivery', secondary: 'damaged' },
        channel: 'phone',
      },
    });
    expect(routeRequest({ ...form, secondary: '' })).toEqual({
      request: { customer: { id: 'C000042' }, reason: { primary: 'delivery' }, channel: 'phone' },
    });
  });

  it.each([
    [{ customer: '  ' }, 'give the customer id'],
    [{ primary: '' }, 'choose the primary reason'],
    [{ channel: '' }, 'choose the channel'],
  ])('refuses %o: %s', (change, error) => {
    expect(routeRequest({ ...form, ...change })).toEqual({ error });
  });

  it('names the treatments in words', () => {
    expect(treatmentLabel('human-priority')).toBe('A person, with priority');
    expect(treatmentLabel('callback')).toBe('Call back');
  });
});

describe('volumes as CSV', () => {
  const row = (key: string | null, contacts: number, share: number) => ({
    key,
    name: key === null ? null : key.toUpperCase(),
    contacts,
    customers: contacts - 1,
    share,
  });

  it('lists each primary reason then its secondary reasons', () => {
    expect(
      volumeCsv('reason', [
        { ...row('order', 10, 0.8), secondary: [row('order/track', 6, 0.48)] },
        row(null, 2, 0.2),
      ]),
    ).toEqual({
      header: ['reason', 'name', 'level', 'contacts', 'customers', 'share'],
      rows: [
        ['order', 'ORDER', 'primary', 10, 9, 0.8],
        ['order/track', 'ORDER/TRACK', 'secondary', 6, 5, 0.48],
        [null, null, 'primary', 2, 1, 0.2],
      ],
    });
  });

  it('has no level by channel or stage', () => {
    expect(volumeCsv('channel', [row('phone', 4, 1)])).toEqual({
      header: ['channel', 'name', 'contacts', 'customers', 'share'],
      rows: [['phone', 'PHONE', 4, 3, 1]],
    });
  });
});
