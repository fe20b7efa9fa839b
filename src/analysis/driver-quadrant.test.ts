import { describe, expect, it } from 'vitest';
import { median, performanceOf, quadrants } from './driver-quadrant.js';

describe('importance-versus-performance quadrant', () => {
  it('splits each axis at its median, the median itself counting as high', () => {
    const split = quadrants([
      { importance: 0.4, performance: 0.9 }, // important, performing
      { importance: 0.3, performance: 0.1 }, // important, not performing
      { importance: 0.2, performance: 0.5 }, // median on both: high
      { importance: 0.05, performance: 0.8 }, // performing only
      { importance: 0.05, performance: 0.2 }, // neither
    ]);
    expect(split.importanceMedian).toBe(0.2);
    expect(split.performanceMedian).toBe(0.5);
    expect(split.quadrants).toEqual([
      'keep up',
      'fix first',
      'keep up',
      'possible overkill',
      'lower priority',
    ]);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('rescales the mean rating over the observed range', () => {
    expect(performanceOf({ mean: 4, min: 1, max: 5 })).toEqual({
      mean: 4,
      min: 1,
      max: 5,
      scaled: 0.75,
    });
  });
});
