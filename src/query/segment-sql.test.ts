import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesRule, type TSegmentRule } from '../model/segment-rule.js';
import { openDuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { TStore } from '../store/store.js';
import { rulePredicate, segmentPredicate } from './segment-sql.js';
import { render, sql } from './sql.js';

// Customers as a CSV import stores them: attribute values as text, empty cells as "".
const CUSTOMERS: Record<string, unknown>[] = [
  { id: 'a', ltv: '2500', tier: 'gold', country: 'NL', vip: 'true', tags: ['x', 'y'] },
  { id: 'b', ltv: '900', tier: 'silver', country: 'BE', vip: 'false' },
  { id: 'c', ltv: '', tier: 'bronze', country: 'DE' },
  { id: 'd', ltv: 'n/a', country: 'NL', since: '2024-01-31' },
  { id: 'e', ltv: '1000', tier: 'Gold', since: '2023-12-01' },
];

const RULES: [string, TSegmentRule][] = [
  ['always', 'always'],
  ['gte number', { attribute: 'ltv', op: 'gte', value: 1000 }],
  ['lt number', { attribute: 'ltv', op: 'lt', value: 1000 }],
  ['eq string', { attribute: 'tier', op: 'eq', value: 'gold' }],
  ['ne string (missing fails)', { attribute: 'tier', op: 'ne', value: 'gold' }],
  ['eq boolean', { attribute: 'vip', op: 'eq', value: true }],
  ['in', { attribute: 'country', op: 'in', value: ['NL', 'BE'] }],
  ['notIn (missing fails)', { attribute: 'country', op: 'notIn', value: ['NL'] }],
  ['contains substring', { attribute: 'tier', op: 'contains', value: 'old' }],
  ['contains list element', { attribute: 'tags', op: 'contains', value: 'y' }],
  ['exists', { attribute: 'ltv', op: 'exists' }],
  ['not exists', { attribute: 'tier', op: 'exists', value: false }],
  ['string dates compare', { attribute: 'since', op: 'gte', value: '2024-01-01' }],
  [
    'all/any/not',
    {
      all: [
        {
          any: [
            { attribute: 'country', op: 'eq', value: 'NL' },
            { attribute: 'tier', op: 'eq', value: 'silver' },
          ],
        },
        { not: { attribute: 'vip', op: 'eq', value: true } },
      ],
    },
  ],
];

let store: TStore;
beforeAll(async () => {
  store = await openDuckDbStore({ path: ':memory:' });
  await store.exec(sql`CREATE TABLE customers (customer_id VARCHAR, attrs JSON)`);
  for (const c of CUSTOMERS) {
    const { id, ...attrs } = c;
    await store.exec(sql`INSERT INTO customers VALUES (${String(id)}, ${JSON.stringify(attrs)})`);
  }
});
afterAll(async () => {
  await store.close();
});

async function members(predicate: ReturnType<typeof rulePredicate>): Promise<string[]> {
  const rows = await store.all<{ customer_id: string }>(
    sql`SELECT c.customer_id FROM customers c WHERE ${predicate} ORDER BY 1`,
  );
  return rows.map((r) => r.customer_id);
}

describe('segment rules in SQL mean what matchesRule means', () => {
  it.each(RULES)('%s', async (_name, rule) => {
    const expected = CUSTOMERS.filter(({ id: _id, ...attrs }) => matchesRule(rule, attrs)).map(
      (c) => String(c.id),
    );
    expect(await members(rulePredicate(rule))).toEqual(expected);
  });

  it('gives each customer the first matching segment only', async () => {
    const rules: TSegmentRule[] = [
      { attribute: 'ltv', op: 'gte', value: 1000 },
      { attribute: 'country', op: 'eq', value: 'NL' },
      'always',
    ];
    expect(await members(segmentPredicate(rules, 0))).toEqual(['a', 'e']);
    expect(await members(segmentPredicate(rules, 1))).toEqual(['d']);
    expect(await members(segmentPredicate(rules, 2))).toEqual(['b', 'c']);
  });

  it('binds values as parameters', () => {
    const q = render(
      rulePredicate({ attribute: "o'brien", op: 'eq', value: "x'; DROP TABLE customers; --" }),
    );
    expect(q.text).not.toContain('DROP');
    expect(q.params).toContain("x'; DROP TABLE customers; --");
  });
});
