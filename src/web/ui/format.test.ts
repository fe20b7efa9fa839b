import { describe, expect, it } from 'vitest';
import {
  count,
  day,
  decimal,
  duration,
  money,
  percent,
  percentInterval,
  points,
  signed,
} from './format.js';

describe('numbers for people', () => {
  it.each([
    [count(1234567.4), '1,234,567'],
    [count(null), '–'],
    [count(Number.NaN), '–'],
    [percent(0.1234), '12.3%'],
    [percent(0.0004), '0.04%'],
    [percent(0), '0.0%'],
    [percent(1), '100.0%'],
    [points(-0.588), '−58.8 pts'],
    [points(0.034), '+3.4 pts'],
    [signed(14), '+14'],
    [signed(-0.3, 1), '−0.3'],
    [signed(-0.01, 1), '0.0'],
    [money(950, 'EUR'), '€950'],
    [money(1_234_567, 'EUR'), '€1.2M'],
    [money(48_500, 'USD'), '$48.5K'],
    [decimal(0.5955), '0.60'],
    [decimal(3, 1), '3.0'],
    [duration(45), '45 s'],
    [duration(12 * 60), '12 min'],
    [duration(3.5 * 3600), '3.5 h'],
    [duration(2.1 * 86400), '2.1 d'],
    [duration(undefined), '–'],
    [day('2025-03-14T22:00:00Z'), 'Mar 14, 2025'],
    [day('not a date'), '–'],
    [percentInterval(0.761, 0.776), '76.1–77.6%'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
