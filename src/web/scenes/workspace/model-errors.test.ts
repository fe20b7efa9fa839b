import { describe, expect, it } from 'vitest';
import { nearestField, placeErrors, sectionOf } from './model-errors.js';

const FIELDS = new Set([
  'name',
  'touchpoints[0].owner',
  'touchpoints[1].activities',
  'routing[0].when.reason',
  'idealJourneys[0].steps',
  'idealJourneys[0].steps[0].touchpoint',
]);

describe('errors beside their fields', () => {
  it.each([
    ['touchpoints[0].owner', 'touchpoints[0].owner'],
    ['touchpoints[1].activities[1]', 'touchpoints[1].activities'],
    ['routing[0].when.reason', 'routing[0].when.reason'],
    ['idealJourneys[0].steps[0].touchpoint', 'idealJourneys[0].steps[0].touchpoint'],
    ['idealJourneys[0].steps', 'idealJourneys[0].steps'],
    ['segments[2].id', undefined],
    ['', undefined],
  ])('%s is shown at %s', (path, field) => {
    expect(nearestField(path, FIELDS)).toBe(field);
  });

  it.each([
    ['touchpoints[3].owner', 'touchpoints'],
    ['idealJourneys[0].steps[1].touchpoint', 'journeys'],
    ['momentsOfTruth[0].rule.after', 'moments'],
    ['teams[1].id', 'stages'],
    ['contactReasons[0].secondary[1].id', 'reasons'],
    ['routing[2].id', 'routing'],
    ['settings.timezone', 'general'],
    ['', ''],
  ])('%s is in section %s', (path, section) => {
    expect(sectionOf(path)).toBe(section);
  });

  it('places each error once, with its entry when shown on an ancestor, and counts per section', () => {
    const placed = placeErrors(
      [
        {
          path: 'touchpoints[0].owner',
          reason: 'unknown team "Fulfilment " (did you mean "fulfilment"?)',
        },
        { path: 'touchpoints[1].activities[1]', reason: 'activity "Paid" is already mapped' },
        { path: 'segments[2].id', reason: 'segment "late" never matches' },
        { path: '', reason: 'invalid YAML: Map keys must be unique', line: 2, column: 1 },
      ],
      FIELDS,
    );
    expect([...placed.byField]).toEqual([
      ['touchpoints[0].owner', ['unknown team "Fulfilment " (did you mean "fulfilment"?)']],
      ['touchpoints[1].activities', ['[1]: activity "Paid" is already mapped']],
    ]);
    expect(placed.bySection.get('segments')?.map((e) => e.path)).toEqual(['segments[2].id']);
    expect(placed.bySection.get('')?.[0]?.line).toBe(2);
    expect(Object.fromEntries(placed.counts)).toEqual({ touchpoints: 2, segments: 1, '': 1 });
  });
});
