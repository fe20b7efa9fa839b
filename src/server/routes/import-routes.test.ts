/**
 * File import over HTTP on the real app (no port) and a real in-memory store: the preview and
 * its proposed mapping, an import with a chosen mapping, bad records reported while the good
 * ones are kept, a re-import that adds nothing, who may upload, and the answers 400, 413, 415.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { raw } from '../../query/sql.js';
import { testApp, type TCaller, type TTestApp } from '../test-kit.js';
import { importRoutes } from './import-routes.js';

type TPreview = {
  fileName: string;
  kind: string;
  format: string;
  columns: { name: string; type: string }[];
  records: number;
  unreadable: number;
  rows: (string | null)[][];
  fields: { name: string; required: boolean }[];
  mapping: Record<string, string>;
};
type TResult = {
  importId: number | null;
  alreadyImportedAs: number | null;
  records: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  errors: { record: number; field: string; reason: string }[];
  errorsOmitted: number;
  mapping: string[];
  notes: string[];
};

// Column names that are aliases (Customer ID, Event, event_id) and two that are not (When, Medium).
const GOOD = [
  'Customer ID,Event,When,Medium,event_id,plan',
  'c1,signup,2025-03-01T09:00:00Z,web,e1,pro',
  'c1,login,2025-03-01T10:00:00Z,app,e2,pro',
  'c2,signup,2025-03-02T08:30:00Z,web,e3,free',
].join('\n');

// Records 2 (timestamp), 4 (activity) and 5 (timestamp) are bad; 1 and 3 are good.
const MIXED = [
  'customer,activity,timestamp,channel,outcome',
  'c7,checkout,2025-04-01T12:00:00Z,web,ok',
  'c7,payment,yesterday,web,ok',
  'c8,checkout,2025-04-02T12:00:00Z,phone,failed',
  'c8,,2025-04-02T13:00:00Z,phone,ok',
  'c9,delivery,31/02/2025 25:00,mail,ok',
].join('\n');

let t: TTestApp;
beforeEach(async () => {
  t = await testApp([importRoutes]);
});
afterEach(async () => {
  await t.close();
});

function form(
  name: string,
  text: string,
  kind = 'events',
  mapping?: Record<string, string | null>,
): FormData {
  const body = new FormData();
  body.set('file', new File([text], name, { type: 'text/csv' }));
  body.set('kind', kind);
  if (mapping !== undefined) body.set('mapping', JSON.stringify(mapping));
  return body;
}

const post = (path: string, body: FormData | string, who: TCaller = 'cx', type?: string) =>
  t.call(who, path, {
    method: 'POST',
    body,
    ...(type === undefined ? {} : { headers: { 'content-type': type } }),
  });

async function ok<T>(res: Response): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as T;
}

const events = () =>
  t.context.store.all<Record<string, unknown>>(
    raw(`SELECT customer_id, activity, channel, event_id FROM events ORDER BY seq`),
  );

describe('preview', () => {
  it("shows the format, columns, first rows and the mapping the columns' names propose", async () => {
    const p = await ok<TPreview>(await post('/api/import/preview', form('events.csv', GOOD)));
    expect(p.fileName).toBe('events.csv');
    expect(p.format).toBe('csv');
    expect(p.columns.map((c) => c.name)).toEqual([
      'Customer ID',
      'Event',
      'When',
      'Medium',
      'event_id',
      'plan',
    ]);
    expect(p.records).toBe(3);
    expect(p.unreadable).toBe(0);
    expect(p.rows[0]).toEqual(['c1', 'signup', '2025-03-01T09:00:00Z', 'web', 'e1', 'pro']);
    expect(p.rows).toHaveLength(3);
    // By alias: "Customer ID" is customer_id, "Event" is event; "When" and "Medium" are no alias.
    expect(p.mapping).toEqual({ customer: 'Customer ID', activity: 'Event', event_id: 'event_id' });
    expect(p.fields.filter((f) => f.required).map((f) => f.name)).toEqual([
      'customer',
      'activity',
      'timestamp',
    ]);
    // A preview stores nothing.
    expect(await events()).toEqual([]);
  });

  it('reads JSON Lines too, and proposes the case as the customer of a process log', async () => {
    const lines = [
      { 'case:concept:name': 'k1', 'concept:name': 'A', 'time:timestamp': '2025-01-01T00:00:00Z' },
      { 'case:concept:name': 'k1', 'concept:name': 'B', 'time:timestamp': '2025-01-01T01:00:00Z' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const p = await ok<TPreview>(await post('/api/import/preview', form('log.jsonl', lines)));
    expect(p.format).toBe('jsonl');
    expect(p.records).toBe(2);
    expect(p.mapping).toEqual({
      customer: 'case:concept:name',
      case: 'case:concept:name',
      activity: 'concept:name',
      timestamp: 'time:timestamp',
    });
  });
  it('says a file with only a header holds no records', async () => {
    const p = await ok<TPreview>(
      await post('/api/import/preview', form('empty.csv', 'customer,activity,timestamp\n')),
    );
    expect(p).toMatchObject({ records: 0, unreadable: 0, rows: [] });
    expect(p.columns.map((c) => c.name)).toEqual(['customer', 'activity', 'timestamp']);
  });
});

describe('import', () => {
  it('imports with the chosen mapping; other columns stay attributes', async () => {
    const r = await ok<TResult>(
      await post(
        '/api/import',
        form('events.csv', GOOD, 'events', { timestamp: 'When', channel: 'Medium' }),
      ),
    );
    expect(r).toMatchObject({
      records: 3,
      accepted: 3,
      duplicates: 0,
      quarantined: 0,
      errors: [],
      alreadyImportedAs: null,
    });
    expect(r.importId).toBe(1);
    expect(r.mapping).toContain('timestamp ← "When"');
    expect(await events()).toEqual([
      { customer_id: 'c1', activity: 'signup', channel: 'web', event_id: 'e1' },
      { customer_id: 'c1', activity: 'login', channel: 'app', event_id: 'e2' },
      { customer_id: 'c2', activity: 'signup', channel: 'web', event_id: 'e3' },
    ]);
    const [entry] = await t.context.store.all<{ source: string }>(
      raw('SELECT source FROM imports'),
    );
    expect(entry?.source).toMatch(/^upload "events\.csv" by user:cx@example\.com/);
  });

  it('reports each bad record with its field and reason, and keeps the good ones', async () => {
    const r = await ok<TResult>(await post('/api/import', form('mixed.csv', MIXED)));
    expect(r).toMatchObject({ records: 5, accepted: 2, quarantined: 3, duplicates: 0 });
    expect(r.errors.map((e) => [e.record, e.field])).toEqual([
      [2, 'timestamp'],
      [4, 'activity'],
      [5, 'timestamp'],
    ]);
    expect(r.errors[0]?.reason).toContain('"yesterday"');
    expect(r.errors[1]?.reason).toMatch(/missing|required/);
    expect(r.errorsOmitted).toBe(0);
    expect((await events()).map((e) => [e.customer_id, e.activity])).toEqual([
      ['c7', 'checkout'],
      ['c8', 'checkout'],
    ]);
  });

  it('adds nothing when the same file is imported again', async () => {
    const first = await ok<TResult>(await post('/api/import', form('mixed.csv', MIXED)));
    const again = await ok<TResult>(await post('/api/import', form('again.csv', MIXED)));
    expect(again).toMatchObject({
      importId: null,
      alreadyImportedAs: first.importId,
      accepted: 0,
      quarantined: 0,
    });
    expect(again.notes.join(' ')).toContain(`already imported as import #${first.importId}`);
    expect(await events()).toHaveLength(2);
  });

  it('leaves a field unmapped when asked, even when a column is named after it', async () => {
    const r = await ok<TResult>(
      await post('/api/import', form('mixed.csv', MIXED, 'events', { channel: null })),
    );
    expect(r.accepted).toBe(2);
    expect(r.mapping.some((m) => m.startsWith('channel'))).toBe(false);
    expect((await events()).map((e) => e.channel)).toEqual([null, null]);
  });

  it('refuses a mapping that names no column of the file, naming the file it was sent as', async () => {
    const res = await post('/api/import', form('events.csv', GOOD, 'events', { timestamp: 'Wen' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('mapping');
    expect(body.error.message).toContain('no column "Wen"');
    expect(body.error.message).toContain('"When"');
    expect(await events()).toEqual([]);
  });

  it('says which required field has no column', async () => {
    const res = await post('/api/import', form('events.csv', GOOD));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain('no column for');
    expect(body.error.message).toContain('timestamp');
  });

  it('imports customers through the same pipeline (a customer given twice is quarantined)', async () => {
    const customers = 'customer_id,lifetime_value,country\nc1,1200,NL\nc2,80,BE\nc1,5,DE\n';
    const r = await ok<TResult>(
      await post('/api/import', form('customers.csv', customers, 'customers')),
    );
    expect(r).toMatchObject({ records: 3, accepted: 2, quarantined: 1 });
    expect(r.errors[0]?.record).toBe(3);
  });
});

describe('refusals', () => {
  it('admits admin, cx and ingest tokens only', async () => {
    for (const who of ['admin', 'ingest'] as const) {
      expect((await post('/api/import/preview', form('events.csv', GOOD), who)).status).toBe(200);
    }
    for (const who of ['viewer', 'team', 'read', 'route'] as const) {
      expect((await post('/api/import', form('events.csv', GOOD), who)).status).toBe(403);
    }
    expect((await post('/api/import', form('events.csv', GOOD), 'anonymous')).status).toBe(401);
    expect(await events()).toEqual([]);
  });

  it('answers 415 without multipart, 400 without a file or a known format', async () => {
    expect((await post('/api/import', '{}', 'cx', 'application/json')).status).toBe(415);
    const noFile = new FormData();
    noFile.set('kind', 'events');
    expect((await post('/api/import', noFile)).status).toBe(400);
    const res = await post('/api/import/preview', form('events.docx', GOOD));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'events.docx: cannot tell the format',
    );
    expect((await post('/api/import', form('events.csv', GOOD, 'orders'))).status).toBe(400);
  });

  it('answers 413 for an upload over the size limit', async () => {
    const small = await testApp([importRoutes], { config: { maxBodyBytes: 1024 } });
    try {
      const big = `customer,activity,timestamp\n${'c1,a,2025-01-01T00:00:00Z\n'.repeat(200)}`;
      const res = await small.call('cx', '/api/import', {
        method: 'POST',
        body: form('big.csv', big),
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_large');
    } finally {
      await small.close();
    }
  });
});
