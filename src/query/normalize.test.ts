import { describe, expect, it } from 'vitest';
import { FIELDS } from '../model/fields.js';
import { insertAccepted, parseTimestamp, type TNormalizePlan } from './normalize.js';
import { raw, render } from './sql.js';

const field = (name: string) => {
  const f = FIELDS.events.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f;
};

const plan: TNormalizePlan = {
  kind: 'events',
  source: raw('stage'),
  record: raw('(s.rowid + 1)'),
  bindings: [
    { field: field('customer'), column: { name: 'cid', type: 'text' } },
    { field: field('activity'), column: { name: 'what', type: 'text' } },
    { field: field('timestamp'), column: { name: 'when', type: 'text' } },
    { field: field('cost'), column: { name: 'eur', type: 'text' } },
  ],
  attributes: [{ name: 'note', type: 'text' }],
  timestamp: { kind: 'iso' },
  timezone: 'UTC',
};

describe('normalize', () => {
  it('inserts the records that pass every check (pinned SQL)', () => {
    const q = render(insertAccepted(plan, 7, 100));
    expect(q.text).toBe(
      'INSERT INTO events (seq, import_id, customer_id, case_id, activity, ts, channel, outcome, duration_s, wait_s, cost, reason, event_id, attrs) ' +
        'SELECT $1 + (s.rowid + 1), $2, nullif("cid", \'\'), NULL, nullif("what", \'\'), try_cast(trim("when") AS TIMESTAMPTZ), NULL, NULL, NULL, NULL, ' +
        'try_cast(nullif(trim(CAST("eur" AS VARCHAR)), \'\') AS DOUBLE), NULL, NULL, json_object($3, "note") ' +
        'FROM stage AS s WHERE nullif("cid", \'\') IS NOT NULL AND nullif("what", \'\') IS NOT NULL AND ' +
        '(try_cast(trim("when") AS TIMESTAMPTZ) IS NOT NULL AND coalesce(try_cast(trim("when") AS TIMESTAMPTZ) ' +
        "BETWEEN TIMESTAMPTZ '0001-01-01 00:00:00+00' AND TIMESTAMPTZ '9999-12-31 23:59:59.999999+00', true)) AND " +
        '(nullif("eur", \'\') IS NULL OR try_cast(nullif(trim(CAST("eur" AS VARCHAR)), \'\') AS DOUBLE) IS NOT NULL)',
    );
    expect(q.params).toEqual([100, 7, 'note']);
  });

  it('skips events whose id is stored already or came earlier in the source', () => {
    const withId: TNormalizePlan = {
      ...plan,
      bindings: [
        ...plan.bindings,
        { field: field('event_id'), column: { name: 'id', type: 'text' } },
      ],
    };
    const q = render(insertAccepted(withId, 7, 100)).text.replace(/\s+/g, ' ');
    expect(q).toContain(
      'AND (nullif(s."id", \'\') IS NULL OR NOT EXISTS (SELECT 1 FROM events AS stored WHERE stored.event_id = nullif(s."id", \'\')))',
    );
    expect(q).toMatch(
      /QUALIFY nullif\(s\."id", ''\) IS NULL OR row_number\(\) OVER \(PARTITION BY nullif\(s\."id", ''\) ORDER BY \(s\.rowid \+ 1\)\) = 1$/,
    );
  });

  it('reads wall times in the zone only when a value has no offset of its own', () => {
    const q = render(
      parseTimestamp({ name: 't', type: 'text' }, { kind: 'iso' }, 'Europe/Amsterdam'),
    );
    expect(q.text).toContain('regexp_matches(trim("t"), \'([zZ]|[+-][0-9]{2}(:?[0-9]{2})?)$\')');
    expect(q.text).toContain('ELSE timezone($1, try_cast(trim("t") AS TIMESTAMP))');
    expect(q.params).toEqual(['Europe/Amsterdam']);
  });

  it('uses typed Parquet columns as they are', () => {
    expect(
      render(parseTimestamp({ name: 't', type: 'timestamptz' }, { kind: 'iso' }, 'UTC')).text,
    ).toBe('"t"');
    expect(
      render(parseTimestamp({ name: 't', type: 'timestamp' }, { kind: 'iso' }, 'Asia/Tokyo')).text,
    ).toBe('timezone($1, "t")');
  });
});
