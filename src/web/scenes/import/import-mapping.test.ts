import { describe, expect, it } from 'vitest';
import {
  attributeColumns,
  initialChoice,
  mappedFields,
  mappedRows,
  mappingPayload,
  missingRequired,
} from './import-mapping.js';
import type { TImportField } from './import-types.js';

const field = (name: string, required = false): TImportField => ({
  name,
  required,
  help: '',
  aliases: [],
});
const EVENTS = [
  field('customer', true),
  field('case'),
  field('activity', true),
  field('timestamp', true),
  field('channel'),
];

describe('the mapping of the import screen', () => {
  it('starts from the proposal, every field present', () => {
    expect(initialChoice(EVENTS, { customer: 'Customer ID', activity: 'Event' })).toEqual({
      customer: 'Customer ID',
      case: '',
      activity: 'Event',
      timestamp: '',
      channel: '',
    });
  });

  it('sends every field, "none" as null', () => {
    const choice = { customer: 'id', case: '', activity: 'what', timestamp: 'when', channel: '' };
    expect(mappingPayload(EVENTS, choice)).toEqual({
      customer: 'id',
      case: null,
      activity: 'what',
      timestamp: 'when',
      channel: null,
    });
  });

  it.each<{ kind: string; choice: Record<string, string>; missing: string[] }>([
    { kind: 'events', choice: { activity: 'a', timestamp: 't' }, missing: ['customer'] },
    // The case stands for the customer of a process log.
    { kind: 'events', choice: { case: 'k', activity: 'a', timestamp: 't' }, missing: [] },
    { kind: 'customers', choice: { case: 'k' }, missing: ['customer', 'activity', 'timestamp'] },
    { kind: 'events', choice: {}, missing: ['customer', 'activity', 'timestamp'] },
  ])('$kind with $choice misses $missing', ({ kind, choice, missing }) => {
    expect(missingRequired(kind, EVENTS, choice)).toEqual(missing);
  });

  it('keeps the columns no field takes as attributes, in file order', () => {
    expect(
      attributeColumns(['id', 'plan', 'what', 'note'], {
        customer: 'id',
        activity: 'what',
        channel: '',
      }),
    ).toEqual(['plan', 'note']);
  });

  it('reads the first rows into the mapped fields, in field order', () => {
    const choice = {
      customer: 'id',
      case: '',
      activity: 'what',
      timestamp: 'when',
      channel: 'via',
    };
    const mapped = mappedFields(EVENTS, choice);
    expect(mapped).toEqual([
      { field: 'customer', column: 'id' },
      { field: 'activity', column: 'what' },
      { field: 'timestamp', column: 'when' },
      { field: 'channel', column: 'via' },
    ]);
    const columns = ['when', 'what', 'id', 'via', 'plan'];
    const rows = [
      ['2025-01-01', 'signup', 'c1', null, 'pro'],
      ['2025-01-02', 'login', 'c2', 'app', 'free'],
    ];
    expect(mappedRows(columns, rows, mapped)).toEqual([
      ['c1', 'signup', '2025-01-01', null],
      ['c2', 'login', '2025-01-02', 'app'],
    ]);
  });
});
