/** The journey index's key and when an index can be updated instead of rebuilt. Pure. */
import { describe, expect, it } from 'vitest';
import {
  caseMixOfSettings,
  JOURNEY_INDEX_FORMAT,
  journeyIndexDelta,
  journeyIndexKeyOf,
  parseJourneyIndexKey,
  sameJourneyData,
  type TJourneyData,
} from './journey-index.js';

const data: TJourneyData = { imports: 2, lastImport: 7, events: 100, lastSeq: 120, customers: 9 };

describe('the journey index key', () => {
  it('reads back the data and the settings it was written with', () => {
    const key = journeyIndexKeyOf(data, '{"format":3,"stages":["A|B"]}');
    expect(key).toBe('2:7:100:120:9|{"format":3,"stages":["A|B"]}');
    expect(parseJourneyIndexKey(key)).toEqual({
      data,
      settings: '{"format":3,"stages":["A|B"]}',
    });
  });

  it('is not read from a key this version did not write', () => {
    for (const key of ['', 'garbage', '1:2:3|{}', '1:2:3:4:x|{}', '1:2:3:4:5']) {
      expect(parseJourneyIndexKey(key)).toBeUndefined();
    }
  });
});

describe('what a key tells without a scan', () => {
  it('gives the case mix its settings were written with, for this format only', () => {
    const settings = (format: number, caseMix: unknown): string =>
      JSON.stringify({ format, stages: ['A'], caseMix });
    expect(caseMixOfSettings(settings(JOURNEY_INDEX_FORMAT, [true, false]))).toEqual({
      withCase: true,
      withoutCase: false,
    });
    expect(caseMixOfSettings(settings(JOURNEY_INDEX_FORMAT - 1, [true, false]))).toBeUndefined();
    expect(caseMixOfSettings(settings(JOURNEY_INDEX_FORMAT, [true]))).toBeUndefined();
    expect(caseMixOfSettings(settings(JOURNEY_INDEX_FORMAT, 'yes'))).toBeUndefined();
    expect(caseMixOfSettings('not json')).toBeUndefined();
  });

  it('tells the same data from any change of it', () => {
    expect(sameJourneyData(data, { ...data })).toBe(true);
    for (const field of Object.keys(data) as (keyof TJourneyData)[]) {
      expect(sameJourneyData(data, { ...data, [field]: data[field] + 1 })).toBe(false);
    }
  });
});

describe('updating instead of rebuilding', () => {
  it('updates from the events after the indexed sequence when events were only added', () => {
    expect(journeyIndexDelta(data, { ...data, imports: 3, events: 150, lastSeq: 170 })).toEqual({
      afterSeq: 120,
    });
    expect(journeyIndexDelta(data, data)).toEqual({ afterSeq: 120 });
  });

  it('rebuilds when customers changed or events went missing', () => {
    expect(journeyIndexDelta(data, { ...data, customers: 10 })).toBeUndefined();
    expect(journeyIndexDelta(data, { ...data, events: 99 })).toBeUndefined();
    expect(journeyIndexDelta(data, { ...data, lastSeq: 119 })).toBeUndefined();
  });
});
