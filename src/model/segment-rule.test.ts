import { describe, expect, test } from 'vitest';
import { assignSegment, matchesRule, ZSegmentRule, type TSegmentRule } from './segment-rule.js';

const cond = (attribute: string, op: string, value?: unknown) =>
  ZSegmentRule.parse({ attribute, op, value });

describe('matchesRule: conditions', () => {
  test.each<[string, TSegmentRule, Record<string, unknown>, boolean]>([
    ['eq string', cond('country', 'eq', 'NL'), { country: 'NL' }, true],
    ['eq is case-sensitive', cond('country', 'eq', 'NL'), { country: 'nl' }, false],
    ['eq number from numeric string', cond('tier', 'eq', 2), { tier: '2' }, true],
    ['eq string from number', cond('zip', 'eq', '1011'), { zip: 1011 }, true],
    ['eq boolean from "true"', cond('vip', 'eq', true), { vip: 'TRUE' }, true],
    ['eq boolean, not coercible', cond('vip', 'eq', true), { vip: 'yes' }, false],
    ['ne', cond('country', 'ne', 'NL'), { country: 'BE' }, true],
    ['ne on equal', cond('country', 'ne', 'NL'), { country: 'NL' }, false],
    ['ne on missing is false', cond('country', 'ne', 'NL'), {}, false],
    ['ne, not coercible, is false', cond('ltv', 'ne', 5), { ltv: 'abc' }, false],
    ['gt', cond('ltv', 'gt', 1000), { ltv: 1000.5 }, true],
    ['gt on equal', cond('ltv', 'gt', 1000), { ltv: 1000 }, false],
    ['gte on equal', cond('ltv', 'gte', 1000), { ltv: '1000' }, true],
    ['lt', cond('ltv', 'lt', 10), { ltv: 9 }, true],
    ['lte', cond('ltv', 'lte', 10), { ltv: 11 }, false],
    ['gte on ISO dates as text', cond('since', 'gte', '2024-01-01'), { since: '2024-03-05' }, true],
    ['lt on ISO dates as text', cond('since', 'lt', '2024-01-01'), { since: '2023-12-31' }, true],
    ['gt, not numeric, is false', cond('ltv', 'gt', 5), { ltv: 'n/a' }, false],
    ['in', cond('country', 'in', ['NL', 'BE']), { country: 'BE' }, true],
    ['in, absent value', cond('country', 'in', ['NL', 'BE']), { country: 'DE' }, false],
    ['in with numbers from text', cond('tier', 'in', [1, 2]), { tier: '2' }, true],
    ['notIn', cond('country', 'notIn', ['NL', 'BE']), { country: 'DE' }, true],
    ['notIn on a member', cond('country', 'notIn', ['NL', 'BE']), { country: 'NL' }, false],
    ['notIn on missing is false', cond('country', 'notIn', ['NL']), { country: null }, false],
    ['contains substring', cond('email', 'contains', '@acme.'), { email: 'a@acme.com' }, true],
    ['contains list element', cond('tags', 'contains', 'vip'), { tags: ['new', 'vip'] }, true],
    ['contains list, no element', cond('tags', 'contains', 'vip'), { tags: ['new'] }, false],
    ['contains on a number reads it as text', cond('ltv', 'contains', '10'), { ltv: 100 }, true],
    ['contains, not a substring', cond('ltv', 'contains', '2'), { ltv: 100 }, false],
    ['exists', cond('email', 'exists'), { email: 'a@b.c' }, true],
    ['exists: empty string is missing', cond('email', 'exists'), { email: '' }, false],
    ['exists: null is missing', cond('email', 'exists'), { email: null }, false],
    ['exists false', cond('email', 'exists', false), {}, true],
    ['eq on missing is false', cond('country', 'eq', 'NL'), {}, false],
  ])('%s', (_, rule, attrs, expected) => {
    expect(matchesRule(rule, attrs)).toBe(expected);
  });
});

describe('matchesRule: combinators', () => {
  const premium = ZSegmentRule.parse({
    all: [
      { attribute: 'ltv', op: 'gte', value: 1000 },
      {
        any: [
          { attribute: 'country', op: 'eq', value: 'NL' },
          { not: { attribute: 'churned', op: 'exists' } },
        ],
      },
    ],
  });

  test('always matches everyone, even no attributes', () => {
    expect(matchesRule('always', {})).toBe(true);
  });

  test.each([
    [{ ltv: 1500, country: 'NL', churned: '2024-01-01' }, true],
    [{ ltv: 1500, country: 'DE' }, true],
    [{ ltv: 1500, country: 'DE', churned: '2024-01-01' }, false],
    [{ ltv: 999, country: 'NL' }, false],
  ])('all / any / not on %j', (attrs, expected) => {
    expect(matchesRule(premium, attrs)).toBe(expected);
  });

  test('not of a condition on a missing attribute is true (two-valued logic)', () => {
    expect(matchesRule({ not: cond('country', 'eq', 'NL') }, {})).toBe(true);
  });
});

describe('assignSegment', () => {
  const ws = {
    segments: [
      { id: 'premium', rule: cond('ltv', 'gte', 1000) },
      { id: 'nl', rule: cond('country', 'eq', 'NL') },
    ],
  };

  test('the first matching segment wins', () => {
    expect(assignSegment(ws, { ltv: 5000, country: 'NL' })?.id).toBe('premium');
    expect(assignSegment(ws, { ltv: 10, country: 'NL' })?.id).toBe('nl');
  });

  test('no match gives undefined', () => {
    expect(assignSegment(ws, { ltv: 10, country: 'BE' })).toBeUndefined();
  });

  test('a catch-all takes the rest', () => {
    const withAll = { segments: [...ws.segments, { id: 'rest', rule: 'always' as const }] };
    expect(assignSegment(withAll, {})?.id).toBe('rest');
  });
});

describe('ZSegmentRule', () => {
  test('rejects an op with the wrong kind of value', () => {
    expect(ZSegmentRule.safeParse({ attribute: 'c', op: 'in', value: 'NL' }).success).toBe(false);
    expect(ZSegmentRule.safeParse({ attribute: 'c', op: 'gt', value: true }).success).toBe(false);
  });

  test('rejects empty all / any, which never mean what they seem', () => {
    expect(ZSegmentRule.safeParse({ any: [] }).success).toBe(false);
    expect(ZSegmentRule.safeParse({ all: [] }).success).toBe(false);
  });
});
