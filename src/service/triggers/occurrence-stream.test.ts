/** The event stream's buffer: resuming after Last-Event-ID, and knowing when it cannot. */
import { describe, expect, it } from 'vitest';
import type { TMomentOccurrence } from './occurrence.js';
import { OccurrenceStream } from './occurrence-stream.js';

const occurrence = (n: number) => ({ id: `rule:x@${n}` }) as TMomentOccurrence;
const ids = (items: { occurrence: TMomentOccurrence }[] | undefined) =>
  items?.map((i) => i.occurrence.id);

describe('OccurrenceStream', () => {
  it('numbers occurrences and hands listeners each one', () => {
    const stream = new OccurrenceStream(3, 'r1');
    const seen: string[] = [];
    const stop = stream.subscribe({ item: (i) => seen.push(i.id), close: () => undefined });
    stream.publish([occurrence(1), occurrence(2)]);
    stop();
    stream.publish([occurrence(3)]);
    expect(seen).toEqual(['r1-1', 'r1-2']);
  });

  it('replays what came after a known id, and cannot for older ids or other runs', () => {
    const stream = new OccurrenceStream(3, 'r1');
    stream.publish([1, 2, 3, 4, 5].map(occurrence));
    // The buffer holds 3, 4, 5.
    expect(ids(stream.since('r1-2'))).toEqual(['rule:x@3', 'rule:x@4', 'rule:x@5']);
    expect(ids(stream.since('r1-4'))).toEqual(['rule:x@5']);
    expect(ids(stream.since('r1-5'))).toEqual([]);
    expect(stream.since('r1-1')).toBeUndefined();
    expect(stream.since('r0-4')).toBeUndefined();
    expect(stream.since('r1-6')).toBeUndefined();
    expect(stream.since('garbage')).toBeUndefined();
  });

  it('ends its listeners when closed, and later ones at once', () => {
    const stream = new OccurrenceStream(3, 'r1');
    let closed = 0;
    stream.subscribe({ item: () => undefined, close: () => closed++ });
    stream.close();
    stream.subscribe({ item: () => undefined, close: () => closed++ });
    expect(closed).toBe(2);
    expect(stream.listening).toBe(0);
  });
});
