import { describe, expect, it } from 'vitest';
import type { TSourceColumn } from '../query/normalize.js';
import { MappingError, proposeMapping, resolveMapping } from './mapping.js';

const text = (...names: string[]): TSourceColumn[] => names.map((name) => ({ name, type: 'text' }));
const bound = (m: ReturnType<typeof resolveMapping>): Record<string, string> =>
  Object.fromEntries(m.bindings.map((b) => [b.field.name, b.column.name]));

describe('resolveMapping', () => {
  it('maps XES attribute names by alias, the case standing for the customer', () => {
    const m = resolveMapping(
      'events',
      text('case:concept:name', 'concept:name', 'time:timestamp', 'org:resource'),
      {},
    );
    expect(bound(m)).toEqual({
      customer: 'case:concept:name',
      case: 'case:concept:name',
      activity: 'concept:name',
      timestamp: 'time:timestamp',
    });
    expect(m.attributes.map((a) => a.name)).toEqual(['org:resource']);
  });

  it('matches aliases ignoring case, spaces and dashes', () => {
    const m = resolveMapping(
      'events',
      text('Customer ID', 'Activity', 'Event-Time', 'Channel'),
      {},
    );
    expect(bound(m)).toEqual({
      customer: 'Customer ID',
      activity: 'Activity',
      channel: 'Channel',
      timestamp: 'Event-Time',
    });
  });

  it('lets explicit choices win over aliases and keeps a customer column apart from the case', () => {
    const m = resolveMapping(
      'events',
      text('case_id', 'CustomerID', 'Topic', 'ContactDate', 'activity'),
      {
        customer: 'CustomerID',
        activity: 'Topic',
        timestamp: 'ContactDate',
      },
    );
    expect(bound(m)).toEqual({
      customer: 'CustomerID',
      case: 'case_id',
      activity: 'Topic',
      timestamp: 'ContactDate',
    });
    expect(m.attributes.map((a) => a.name)).toEqual(['activity']);
  });

  it('names every missing field, how to map it, and the columns there are', () => {
    expect(() => resolveMapping('events', text('SessionID', 'PAGE_NAME'), {})).toThrow(
      new MappingError(
        'cannot map the events file: no column for\n' +
          '  customer (who the customer is): name its column with --customer COL or --case COL or --map COL=customer\n' +
          '  activity (what happened; mapped to a touchpoint by the workspace): name its column with --activity COL or --map COL=activity\n' +
          '  timestamp (when it happened (ISO 8601 with or without offset, date-only, or --timestamp-format)): name its column with --timestamp COL or --map COL=timestamp\n' +
          'the file\'s columns are "SessionID", "PAGE_NAME"',
      ),
    );
  });

  it('rejects a column that is not in the file and a field that does not exist', () => {
    expect(() => resolveMapping('events', text('a'), { activity: 'b' })).toThrow(
      '--activity: no column "b" in the file; its columns are "a"',
    );
    expect(() => resolveMapping('customers', text('a'), { colour: 'a' })).toThrow(
      'unknown field "colour" for customers; the fields are: customer',
    );
  });
});

describe('fields left unmapped on purpose, and the proposal by names', () => {
  const columns = text('customer_id', 'activity', 'ts', 'channel', 'note');

  it.each([
    { unmapped: [], channel: 'channel', attributes: ['note'] },
    { unmapped: ['channel'], channel: undefined, attributes: ['channel', 'note'] },
  ])('unmapped $unmapped: channel ← $channel', ({ unmapped, channel, attributes }) => {
    const m = resolveMapping('events', columns, {}, unmapped);
    expect(bound(m).channel).toBe(channel);
    expect(m.attributes.map((a) => a.name)).toEqual(attributes);
  });

  it('refuses to leave out an unknown field, and a required one leaves the file unmappable', () => {
    expect(() => resolveMapping('events', columns, {}, ['chanel'])).toThrow(
      /unknown field "chanel"/,
    );
    expect(() => resolveMapping('events', columns, {}, ['activity'])).toThrow(MappingError);
  });

  it('proposes what the names alone map, required fields or not', () => {
    expect(proposeMapping('events', text('Customer ID', 'Event', 'When'))).toEqual({
      customer: 'Customer ID',
      activity: 'Event',
    });
    expect(proposeMapping('feedback', text('user_id', 'rating', 'comment', 'survey'))).toEqual({
      customer: 'user_id',
      kind: 'survey',
      score: 'rating',
      verbatim: 'comment',
    });
  });
});
