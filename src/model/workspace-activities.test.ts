import { describe, expect, test } from 'vitest';
import {
  activityMapping,
  activityPatternProblem,
  compileActivityMatcher,
  splitActivityPattern,
} from './workspace-activities.js';
import { ZWorkspace } from './workspace-schema.js';

const tp = (id: string, activities: string[]) => ({
  id,
  name: id,
  stage: 'Purchase',
  channel: 'web',
  owner: 'shop',
  activities,
});

const ws = ZWorkspace.parse({
  name: 'Test',
  teams: [{ id: 'shop', name: 'Shop' }],
  touchpoints: [
    tp('browse', ['/^view/i', 'Search']),
    tp('checkout', ['/checkout/i', 'Checkout completed']),
    tp('confirm', ['/^checkout done$/', 'View basket']),
  ],
});

describe('splitActivityPattern', () => {
  test.each([
    ['/^checkout[_ ]step/i', { source: '^checkout[_ ]step', flags: 'i' }],
    ['/a\\/b/', { source: 'a\\/b', flags: '' }],
    ['Checkout completed', undefined],
    ['/', undefined],
    ['//', undefined],
  ])('%s', (entry, expected) => {
    expect(splitActivityPattern(entry)).toEqual(expected);
  });
});

describe('activityPatternProblem', () => {
  test.each([
    ['^checkout', 'i', undefined],
    ['x', 'g', 'unsupported regex flag "g"; only "i" (ignore case) is allowed'],
    ['(', '', 'invalid regex: unterminated group'],
    ['a(?=b)', '', 'lookahead and lookbehind are not supported by the SQL engines (RE2)'],
    ['(?<!a)b', '', 'lookahead and lookbehind are not supported by the SQL engines (RE2)'],
    ['(a)\\1', '', 'back-references are not supported by the SQL engines (RE2)'],
    ['[(?=]x\\\\1', '', undefined],
    // JavaScript reads these; RE2 (the engine's matcher) does not, so the analysis would fail.
    ['\\cA', '', 'invalid regex for the SQL engines (RE2): invalid escape sequence: `\\c`'],
    ['a{2,1001}', '', 'invalid regex for the SQL engines (RE2): invalid repeat count: `{2,1001}`'],
  ])('/%s/%s', (source, flags, expected) => {
    expect(activityPatternProblem(source, flags)).toBe(expected);
  });
});

describe('compileActivityMatcher', () => {
  const match = compileActivityMatcher(ws);

  test('exact names win over any pattern', () => {
    // "View basket" matches browse's /^view/i, but confirm lists it exactly.
    expect(match('View basket')).toBe('confirm');
    expect(match('Checkout completed')).toBe('checkout');
  });

  test('then patterns in file order', () => {
    // Both /checkout/i (checkout) and /^checkout done$/ (confirm) match; checkout is first.
    expect(match('checkout done')).toBe('checkout');
    expect(match('VIEW product')).toBe('browse');
  });

  test('exact names are case-sensitive; unmatched gives undefined', () => {
    expect(match('search')).toBeUndefined();
    expect(match('Search')).toBe('browse');
    expect(match('Parcel delivered')).toBeUndefined();
  });

  test('asking twice gives the same answer (cached)', () => {
    expect(match('viewing')).toBe('browse');
    expect(match('viewing')).toBe('browse');
  });

  test('answers in linear time: a nested quantifier cannot stall the server', () => {
    // JavaScript's backtracking engine needs seconds for 28 letters and ages for 5,000; this
    // test would never finish on it.
    const nested = ZWorkspace.parse({
      name: 'Nested',
      teams: [{ id: 'shop', name: 'Shop' }],
      touchpoints: [tp('letters', ['/^(a+)+$/', '/^(\\w+\\s?)+$/'])],
    });
    const letters = compileActivityMatcher(nested);
    expect(letters(`${'a'.repeat(5000)}!`)).toBeUndefined();
    expect(letters('aaaa')).toBe('letters');
    expect(letters(`${'word '.repeat(2000)}!`)).toBeUndefined();
  });
});

describe('activityMapping', () => {
  test('lists exact names and patterns in precedence order, for the SQL printers', () => {
    const m = activityMapping(ws);
    expect([...m.exact]).toEqual([
      ['Search', 'browse'],
      ['Checkout completed', 'checkout'],
      ['View basket', 'confirm'],
    ]);
    expect(m.patterns).toEqual([
      { touchpointId: 'browse', source: '^view', flags: 'i' },
      { touchpointId: 'checkout', source: 'checkout', flags: 'i' },
      { touchpointId: 'confirm', source: '^checkout done$', flags: '' },
    ]);
  });
});
