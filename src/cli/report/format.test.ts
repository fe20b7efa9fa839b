/** How the report writes numbers, shares, money, durations, months, trends and series. */
import { describe, expect, it } from 'vitest';
import {
  count,
  counted,
  day,
  duration,
  money,
  month,
  percent,
  perMonth,
  sparkText,
  trend,
  unitMoney,
} from './format.js';

describe('numbers', () => {
  it.each([
    [0, '0'],
    [999.4, '999'],
    [1234567, '1,234,567'],
  ])('count(%s) = %s', (x, text) => expect(count(x)).toBe(text));

  it.each([
    [0.6, '0.6'],
    [9.94, '9.9'],
    [12.5, '13'],
    [1234.4, '1,234'],
  ])('perMonth(%s) = %s', (x, text) => expect(perMonth(x)).toBe(text));

  it('says one or many', () => {
    expect(counted(1, 'journey')).toBe('1 journey');
    expect(counted(2, 'journey')).toBe('2 journeys');
    expect(counted(1200, 'activity', 'activities')).toBe('1,200 activities');
  });
});

describe('percent', () => {
  it.each([
    [0, '0%'],
    [1, '100%'],
    [0.958333, '95.8%'],
    [0.25, '25%'],
    [0.0001, '<0.1%'],
    [null, '–'],
    [undefined, '–'],
    [Number.NaN, '–'],
  ])('percent(%s) = %s', (x, text) => expect(percent(x)).toBe(text));
});

describe('money', () => {
  it('uses the currency and whole units for large amounts, cents for small ones', () => {
    expect(money(12345.6, 'EUR')).toBe('€12,346');
    expect(money(43.794, 'USD')).toBe('$43.79');
    expect(money(0, 'EUR')).toBe('€0');
    expect(money(1500, 'CHF')).toBe('CHF\u00a01,500'); // a no-break space keeps code and amount together
    expect(unitMoney(0.1, 'EUR')).toBe('€0.10');
    expect(unitMoney(6, 'GBP')).toBe('£6.00');
  });
});

describe('duration', () => {
  it.each([
    [0, '0 s'],
    [45.4, '45 s'],
    [60, '1 min'],
    [725, '12 min 5 s'],
    [3600, '1 h'],
    [12000, '3 h 20 min'],
    [86400, '1 d'],
    [183600, '2 d 3 h'],
    [null, '–'],
  ])('duration(%s) = %s', (s, text) => expect(duration(s)).toBe(text));
});

describe('dates and months', () => {
  it('writes a UTC day and a month for people', () => {
    expect(day('2025-01-01T08:58:05.000Z')).toBe('1 Jan 2025');
    expect(day('2025-12-31T23:59:59.000Z')).toBe('31 Dec 2025');
    expect(day(null)).toBe('–');
    expect(month('2025-03')).toBe('Mar 2025');
    expect(month('2025-11-01')).toBe('Nov 2025');
  });
});

describe('trend', () => {
  it('gives the direction and the relative change a month', () => {
    expect(trend({ direction: 'rising', perMonth: 3, relative: 0.123, months: 10 })).toBe(
      '↑ rising, +12% a month',
    );
    expect(trend({ direction: 'falling', perMonth: -2, relative: -0.08, months: 10 })).toBe(
      '↓ falling, −8% a month',
    );
    expect(trend({ direction: 'flat', perMonth: 0.1, relative: 0.01, months: 10 })).toBe('→ flat');
  });
});

describe('sparkText', () => {
  it('scales to the series maximum, or to the given one', () => {
    expect(sparkText([0, 2, 8])).toBe('▁▃█');
    expect(sparkText([0, 0])).toBe('▁▁');
    expect(sparkText([0.5, 1], 1)).toBe('▅█');
    expect(sparkText([])).toBe('');
  });
});
