import { describe, expect, it } from 'vitest';
import {
  fieldId,
  formatPath,
  getIn,
  moveItem,
  parsePath,
  removeItem,
  setIn,
} from './model-paths.js';

describe('paths as the server writes them', () => {
  it.each([
    ['touchpoints[3].owner', ['touchpoints', 3, 'owner']],
    ['routing[0].when.reason', ['routing', 0, 'when', 'reason']],
    ['idealJourneys[1].steps[12].optional', ['idealJourneys', 1, 'steps', 12, 'optional']],
    ['stages[2]', ['stages', 2]],
    ['name', ['name']],
    ['', []],
  ])('%s', (path, parts) => {
    expect(parsePath(path)).toEqual(parts);
    expect(formatPath(parts)).toBe(path);
  });

  it('reads a value, undefined past a missing step', () => {
    const model = { touchpoints: [{ id: 'a', activities: ['x', 'y'] }] };
    expect(getIn(model, 'touchpoints[0].activities[1]')).toBe('y');
    expect(getIn(model, 'touchpoints[4].id')).toBeUndefined();
    expect(getIn(model, 'segments[0].id')).toBeUndefined();
  });

  it('writes a copy, sharing what is off the path, and removes a key set to undefined', () => {
    const model = {
      name: 'Acme',
      touchpoints: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
      segments: [{ id: 's', annualValue: 12 }],
    };
    const next = setIn(model, 'touchpoints[1].name', 'Bee');
    expect(next.touchpoints[1]).toEqual({ id: 'b', name: 'Bee' });
    expect(model.touchpoints[1]?.name).toBe('B');
    expect(next.touchpoints[0]).toBe(model.touchpoints[0]);
    expect(next.segments).toBe(model.segments);
    expect(setIn(model, 'segments[0].annualValue', undefined).segments[0]).toEqual({ id: 's' });
    expect(setIn({}, 'routing[0].when.reason', 'order')).toEqual({
      routing: [{ when: { reason: 'order' } }],
    });
  });

  it.each([
    [0, 1, ['b', 'a', 'c']],
    [2, 1, ['a', 'c', 'b']],
    [0, -1, ['a', 'b', 'c']],
    [2, 3, ['a', 'b', 'c']],
    [1, 0, ['b', 'a', 'c']],
  ])('moves entry %i to %i', (from, to, out) => {
    expect(moveItem(['a', 'b', 'c'], from, to)).toEqual(out);
  });

  it('removes an entry, and names page elements after paths', () => {
    expect(removeItem(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(fieldId('idealJourneys[0].steps[2].touchpoint')).toBe(
      'ws-idealJourneys-0-steps-2-touchpoint',
    );
  });
});
