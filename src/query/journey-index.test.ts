/** The journey index's key and when an index can be updated instead of rebuilt. Pure. */
import { describe, expect, it } from 'vitest';
import {
  journeyIndexDelta,
  journeyIndexKeyOf,
  parseJourneyIndexKey,
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
