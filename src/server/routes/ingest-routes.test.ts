/**
 * Batch ingest on the real app (no port) and a real in-memory store: JSON and NDJSON,
 * per-record errors, duplicates within and across batches, re-sent batches, who may send,
 * and the answers 400, 401, 403, 413 and 415.
 */
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { starterWorkspaceYaml } from '../../model/starter.js';
import { raw } from '../../query/sql.js';
import type { TIngestedBatch } from '../ingest-bus.js';
import { testApp, type TCaller, type TTestApp } from '../test-kit.js';
import { ingestRoutes, MAX_BATCH_RECORDS } from './ingest-routes.js';

type TAnswer = {
  accepted: number;
  duplicates: number;
  rejected: number;
  errors: { record: number; field: string; reason: string }[];
  errorsOmitted: number;
  importId: number | null;
  replayed: boolean;
  notes: string[];
};

let t: TTestApp;
beforeEach(async () => {
  t = await testApp([ingestRoutes]);
});
afterEach(async () => {
  await t.close();
});

function send(
  kind: string,
  body: string,
  type = 'application/json',
  who: TCaller = 'ingest',
): Promise<Response> {
  return t.call(who, `/api/ingest/${kind}`, {
    method: 'POST',
    headers: { 'content-type': type },
    body,
  });
}

async function ingest(kind: string, records: unknown[], who: TCaller = 'ingest') {
  const res = await send(kind, JSON.stringify(records), 'application/json', who);
  expect(res.status, JSON.stringify(t.log.lines.filter((l) => l.level === 'error'))).toBe(200);
  return (await res.json()) as TAnswer;
}

const ndjson = (records: unknown[]): string => records.map((r) => JSON.stringify(r)).join('\n');

async function events(): Promise<Record<string, unknown>[]> {
  return t.context.store.all(
    raw(
      `SELECT event_id, customer_id, activity, strftime(ts, '%Y-%m-%dT%H:%M:%SZ') AS ts, channel, attrs
       FROM events ORDER BY seq`,
    ),
  );
}

const ev = (id: string | undefined, customer: string, activity: string, ts: string) => ({
  ...(id === undefined ? {} : { event_id: id }),
  customer,
  activity,
  timestamp: ts,
});

describe('events', () => {
  it('stores a JSON array, by field names and aliases, keeping other keys as attributes', async () => {
    const answer = await ingest('events', [
      { id: 'e1', customer_id: 'c1', event: 'signup', ts: '2025-01-01T10:00:00Z', plan: 'pro' },
      { id: 'e2', customer_id: 'c1', event: 'login', ts: '2025-01-01T11:00:00+01:00' },
    ]);
    expect(answer).toMatchObject({ accepted: 2, duplicates: 0, rejected: 0, errors: [] });
    expect(answer.importId).toBeGreaterThan(0);
    // Keys map onto fields once per batch, as a file's columns do: another batch, other names.
    expect(
      await ingest('events', [
        { customer: 'c2', activity: 'login', timestamp: '2025-01-02', channel: 'app' },
      ]),
    ).toMatchObject({ accepted: 1 });
    const rows = await events();
    expect(rows.map((r) => [r.event_id, r.customer_id, r.activity, r.ts, r.channel])).toEqual([
      ['e1', 'c1', 'signup', '2025-01-01T10:00:00Z', null],
      ['e2', 'c1', 'login', '2025-01-01T10:00:00Z', null],
      [null, 'c2', 'login', '2025-01-02T00:00:00Z', 'app'],
    ]);
    expect(JSON.parse(String(rows[0]?.attrs))).toEqual({ plan: 'pro', _extra: null });
  });

  it('stores NDJSON, blank lines aside', async () => {
    const body = `${JSON.stringify(ev('n1', 'c1', 'a', '2025-01-01T00:00:00Z'))}\r\n\n${JSON.stringify(
      ev('n2', 'c1', 'b', '2025-01-01T00:01:00Z'),
    )}\n`;
    const res = await send('events', body, 'application/x-ndjson');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 2, rejected: 0 });
    expect((await events()).map((r) => r.event_id)).toEqual(['n1', 'n2']);
  });

  it('answers every bad record with its number, field and reason, and keeps the good ones', async () => {
    const answer = await ingest('events', [
      ev('ok1', 'c1', 'a', '2025-01-01T00:00:00Z'),
      { event_id: 'bad1', customer: 'c1', timestamp: '2025-01-01T00:00:00Z' },
      ev('bad2', 'c1', 'a', 'yesterday'),
      'not an object',
      { ...ev('bad3', '', 'a', '2025-01-01T00:00:00Z'), duration: 'long' },
      ev('ok2', 'c2', 'b', '2025-01-01T00:00:00Z'),
    ]);
    expect(answer).toMatchObject({ accepted: 2, duplicates: 0, rejected: 4, errorsOmitted: 0 });
    expect(answer.errors).toEqual([
      { record: 2, field: 'activity', reason: 'missing value' },
      {
        record: 3,
        field: 'timestamp',
        reason: 'cannot read "yesterday" as a timestamp (ISO 8601)',
      },
      { record: 4, field: '(record)', reason: 'not a JSON object but a string' },
      { record: 5, field: 'customer', reason: 'missing value' },
      { record: 5, field: 'duration', reason: 'cannot read "long" as a number' },
    ]);
    expect((await events()).map((r) => r.event_id)).toEqual(['ok1', 'ok2']);
    // The rejected records are in the quarantine, as a file import's would be.
    const [q] = await t.context.store.all<{ n: number }>(
      raw(
        `SELECT count(DISTINCT record) AS n FROM quarantine WHERE import_id = ${answer.importId}`,
      ),
    );
    expect(q?.n).toBe(4);
  });

  it('answers 200 with the errors when every record is bad, even without the required keys', async () => {
    const answer = await ingest('events', [{ foo: 1 }, { bar: 'x' }]);
    expect(answer).toMatchObject({ accepted: 0, duplicates: 0, rejected: 2 });
    expect(answer.errors.map((e) => `${e.record} ${e.field}: ${e.reason}`)).toEqual([
      '1 activity: missing value',
      '1 customer: missing value',
      '1 timestamp: missing value',
      '2 activity: missing value',
      '2 customer: missing value',
      '2 timestamp: missing value',
    ]);
    expect(await events()).toEqual([]);
  });

  it('stores an event id once: duplicates within a batch and across batches are counted, not stored', async () => {
    const first = await ingest('events', [
      ev('d1', 'c1', 'a', '2025-01-01T00:00:00Z'),
      ev('d2', 'c1', 'b', '2025-01-01T00:01:00Z'),
      ev('d1', 'c1', 'a again', '2025-01-01T00:02:00Z'),
      ev(undefined, 'c1', 'no id', '2025-01-01T00:03:00Z'),
      ev(undefined, 'c1', 'no id', '2025-01-01T00:03:00Z'),
    ]);
    expect(first).toMatchObject({ accepted: 4, duplicates: 1, rejected: 0 });
    // Another batch (other bytes) with one stored id, one new, and a bad record with a stored id.
    const second = await ingest('events', [
      ev('d2', 'c9', 'changed', '2025-02-01T00:00:00Z'),
      ev('d3', 'c1', 'c', '2025-01-01T00:04:00Z'),
      ev('d1', 'c1', 'a', 'not a time'),
    ]);
    expect(second).toMatchObject({ accepted: 1, duplicates: 1, rejected: 1 });
    const rows = await events();
    expect(rows.map((r) => [r.event_id, r.activity])).toEqual([
      ['d1', 'a'],
      ['d2', 'b'],
      [null, 'no id'],
      [null, 'no id'],
      ['d3', 'c'],
    ]);
    // Numbers and strings name the same id.
    const numeric = await ingest('events', [{ ...ev(undefined, 'c1', 'x', '2025-01-01'), id: 7 }]);
    const text = await ingest('events', [{ ...ev(undefined, 'c2', 'y', '2025-01-02'), id: '7' }]);
    expect([numeric.accepted, text.duplicates]).toEqual([1, 1]);
  });

  it('answers a re-sent batch as the first time, adding nothing', async () => {
    const batch = [
      ev('r1', 'c1', 'a', '2025-01-01T00:00:00Z'),
      ev(undefined, 'c1', 'b', '2025-01-01T00:01:00Z'),
      ev('r2', 'c1', 'c', 'bad time'),
    ];
    const first = await ingest('events', batch);
    expect(first).toMatchObject({ accepted: 2, duplicates: 0, rejected: 1, replayed: false });
    const again = await ingest('events', batch);
    expect(again).toMatchObject({
      accepted: 0,
      duplicates: 2,
      rejected: 1,
      replayed: true,
      importId: first.importId,
      errors: first.errors,
    });
    expect(await events()).toHaveLength(2);
    // The same records as NDJSON are other bytes: the ids still make them duplicates.
    const res = await send('events', ndjson(batch), 'application/x-ndjson');
    expect(await res.json()).toMatchObject({ accepted: 1, duplicates: 1, rejected: 1 });
  });

  it('keeps big integer ids exactly as written', async () => {
    const body = `[{"id": 12345678901234567891, "customer": "c1", "activity": "a", "ts": "2025-01-01"},
      {"id": 12345678901234567892, "customer": "c1", "activity": "b", "ts": "2025-01-01"}]`;
    const res = await send('events', body);
    expect(await res.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    expect((await events()).map((r) => r.event_id)).toEqual([
      '12345678901234567891',
      '12345678901234567892',
    ]);
  });

  it('publishes what it stored to the ingest bus, after the commit', async () => {
    const seen: TIngestedBatch[] = [];
    t.context.ingested.subscribe((b) => {
      seen.push(b);
    });
    await ingest('events', [
      ev('p1', 'c1', 'a', '2025-01-01T00:00:00Z'),
      ev('p1', 'c1', 'dup', '2025-01-01T00:00:00Z'),
      ev('p2', 'c2', 'b', 'bad'),
    ]);
    await ingest('events', [ev('p1', 'c1', 'a', '2025-01-01T00:00:00Z')]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.events).toEqual([
      {
        seq: 1,
        eventId: 'p1',
        customerId: 'c1',
        caseId: null,
        ts: new Date('2025-01-01T00:00:00Z'),
        activity: 'a',
        channel: null,
        outcome: null,
        reason: null,
      },
    ]);
  });
});

describe('customers and feedback', () => {
  it('stores customers, a later batch replacing their attributes', async () => {
    expect(
      await ingest('customers', [
        { customer_id: 'c1', tier: 'gold' },
        { customer_id: 'c1', tier: 'dup' },
        { tier: 'nobody' },
      ]),
    ).toMatchObject({ accepted: 1, duplicates: 0, rejected: 2 });
    expect(await ingest('customers', [{ customer: 'c1', tier: 'silver' }])).toMatchObject({
      accepted: 1,
    });
    const rows = await t.context.store.all<{ attrs: string }>(raw(`SELECT attrs FROM customers`));
    expect(rows.map((r) => (JSON.parse(r.attrs) as { tier: string }).tier)).toEqual(['silver']);
  });

  it('stores feedback and rejects scores outside their scale', async () => {
    const answer = await ingest('feedback', [
      { customer: 'c1', ts: '2025-01-01', kind: 'NPS', score: 9, comment: 'Quick and kind' },
      { customer: 'c1', ts: '2025-01-01', kind: 'csat', score: 6 },
    ]);
    expect(answer).toMatchObject({ accepted: 1, rejected: 1 });
    expect(answer.errors[0]).toEqual({
      record: 2,
      field: 'score',
      reason: 'score 6 is outside 1–5 for csat',
    });
    // Feedback has no id: the same bytes again add nothing all the same.
    expect(
      await ingest('feedback', [
        { customer: 'c1', ts: '2025-01-01', kind: 'NPS', score: 9, comment: 'Quick and kind' },
        { customer: 'c1', ts: '2025-01-01', kind: 'csat', score: 6 },
      ]),
    ).toMatchObject({ accepted: 0, duplicates: 1, rejected: 1, replayed: true });
    const [n] = await t.context.store.all<{ n: number }>(raw(`SELECT count(*) AS n FROM feedback`));
    expect(n?.n).toBe(1);
  });
});

describe('refusals', () => {
  it('refuses a body that is not JSON with 400, naming the line, and stores nothing', async () => {
    const res = await send('events', '[\n {"customer": "c1"},\n {"customer": }\n]');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('malformed_body');
    expect(body.error.message).toBe(
      "the body is not JSON: Unexpected token '}' at line 3, column 15",
    );

    const lines = `${JSON.stringify(ev('x1', 'c1', 'a', '2025-01-01'))}\n{"customer": "c2",\n`;
    const bad = await send('events', lines, 'application/x-ndjson');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /^line 2 is not JSON: /,
    );
    const object = await send('events', JSON.stringify(ev('x2', 'c1', 'a', '2025-01-01')));
    expect(object.status).toBe(400);
    expect(await events()).toEqual([]);
  });

  it('answers an empty batch with zeros', async () => {
    expect(await ingest('events', [])).toMatchObject({ accepted: 0, rejected: 0, importId: null });
    const res = await send('events', '\n', 'application/x-ndjson');
    expect(await res.json()).toMatchObject({ accepted: 0 });
  });

  it('admits admin, cx and ingest tokens; 401 without credentials, 403 for others', async () => {
    const body = JSON.stringify([ev(undefined, 'c1', 'a', '2025-01-01')]);
    const statuses: Record<string, number> = {};
    for (const who of ['admin', 'cx', 'ingest', 'team', 'viewer', 'route', 'read', 'anonymous']) {
      statuses[who] = (await send('events', body, 'application/json', who as TCaller)).status;
    }
    expect(statuses).toEqual({
      admin: 200,
      cx: 200,
      ingest: 200,
      team: 403,
      viewer: 403,
      route: 403,
      read: 403,
      anonymous: 401,
    });
  });

  it('answers 415 for other content types', async () => {
    const res = await send('events', 'customer,activity\nc1,a\n', 'text/csv');
    expect(res.status).toBe(415);
  });

  it('answers 413 over the size limit, or over the records of one batch', async () => {
    const small = await testApp([ingestRoutes], { config: { maxBodyBytes: 1000 } });
    try {
      const res = await small.call('ingest', '/api/ingest/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: 50 }, (_, i) => ev(`${i}`, 'c', 'a', '2025'))),
      });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
    const many = await send('events', `[${'{},'.repeat(MAX_BATCH_RECORDS)}{}]`);
    expect(many.status).toBe(413);
    expect(await events()).toEqual([]);
  });

  it('describes the three routes and who may call them in the OpenAPI document', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { post: { 'x-journeylens-access': unknown } }>;
    };
    for (const kind of ['events', 'customers', 'feedback']) {
      expect(doc.paths[`/api/ingest/${kind}`]?.post['x-journeylens-access']).toEqual({
        roles: ['admin', 'cx'],
        scopes: ['ingest'],
      });
    }
  });
});

describe('time zone', () => {
  it("reads timestamps without an offset in the workspace's zone, and sees it change", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jl-ingest-zone-'));
    const yaml = join(dir, 'journeylens.yaml');
    const zoned = (zone: string) =>
      starterWorkspaceYaml().replace('timezone: UTC', `timezone: ${zone}`);
    await writeFile(yaml, zoned('Europe/Amsterdam'));
    const w = await testApp([ingestRoutes], { workspaceDir: dir });
    try {
      const post = (records: unknown[]) =>
        w.call('ingest', '/api/ingest/events', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(records),
        });
      await post([
        ev('z1', 'c1', 'a', '2025-07-01 12:00:00'),
        ev('z2', 'c1', 'b', '2025-07-01T12:00:00Z'),
      ]);
      await writeFile(yaml, zoned('Asia/Tokyo'));
      // A file written within the same clock tick keeps its time: make the change visible.
      await utimes(yaml, new Date(), new Date(Date.now() + 5000));
      await post([ev('z3', 'c1', 'c', '2025-07-01 12:00:00')]);
      const rows = await w.context.store.all<{ ts: string }>(
        raw(`SELECT strftime(ts, '%Y-%m-%dT%H:%M:%SZ') AS ts FROM events ORDER BY seq`),
      );
      expect(rows.map((r) => r.ts)).toEqual([
        '2025-07-01T10:00:00Z',
        '2025-07-01T12:00:00Z',
        '2025-07-01T03:00:00Z',
      ]);
    } finally {
      await w.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
