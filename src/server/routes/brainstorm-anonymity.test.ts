/**
 * Anonymity of brainstorm entries, end to end on the real app: a whole session — entries
 * written, changed and removed by four authors of three teams, watched live, locked, merged,
 * clustered into the model, ordered into a journey and exported — then every answer of every
 * brainstorm operation of the OpenAPI document (each is called at least once), the event
 * streams, the CSV and JSON exports, the request log, the audit trail, journeylens.yaml and
 * every saved version of it, and every stored row of the brainstorm tables are searched for
 * each author's user id, e-mail and name. None may appear. The request log names people
 * only on their reads (the board, its stream), never beside an entry's id or text, and the
 * log line of an entry write names nobody.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from '../../query/sql.js';
import type {
  TBoard,
  TBrainstormInfo,
  TEntry,
} from '../../service/brainstorms/brainstorm-types.js';
import { testApp, type TTestApp } from '../test-kit.js';
import { adminRoutes } from './admin-routes.js';
import { brainstormModule } from './brainstorm-routes.js';
import { person, workspaceDir, type TPerson } from './brainstorm-test-helpers.js';
import { frames } from './test-http.js';
import { workspaceRoutes } from './workspace-routes.js';

let dir: string;
let t: TTestApp;
let clock = Date.parse('2026-03-01T09:00:00Z');
/** Every answer's text, with the operation (`POST /api/brainstorms/{id}/entries`) it came from. */
const answers: { operation: string; text: string }[] = [];

beforeAll(async () => {
  dir = await workspaceDir();
  t = await testApp([workspaceRoutes, adminRoutes, brainstormModule({ now: () => clock })], {
    workspaceDir: dir,
  });
});
afterAll(async () => {
  t.app.lifecycle.closing();
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const operation = (method: string, path: string) =>
  `${method} ${path
    .split('?')[0]
    ?.replace(/\/bs-[0-9a-f]+/, '/{id}')
    .replace(/\/entries\/e-[0-9a-f]+/, '/entries/{entryId}')
    .replace(/\/touchpoints\/[a-z-]+$/, '/touchpoints/{touchpointId}')
    .replace(/\/journeys\/[a-z-]+$/, '/journeys/{journeyId}')}`;

async function send<T>(who: TPerson, method: string, path: string, body?: unknown): Promise<T> {
  const res = await who.call(path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  answers.push({ operation: operation(method, path), text });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  const json = res.headers.get('content-type')?.startsWith('application/json') === true;
  return (json ? JSON.parse(text) : text) as T;
}

it('reveals no author in any answer, export, stream, log, audit entry, model or stored row', async () => {
  const lead = await person(t, { email: 'lead@cx.example', name: 'Lena Lead', role: 'cx' });
  const viewer = await person(t, { email: 'vic@view.example', name: 'Vic Viewer', role: 'viewer' });
  const authors = [
    await person(t, {
      email: 'annabel.quist@care.example',
      name: 'Annabel Quist',
      role: 'team',
      team: 'care',
    }),
    await person(t, {
      email: 'bartholomew.ro@care.example',
      name: 'Bartholomew Ro',
      role: 'team',
      team: 'care',
    }),
    await person(t, {
      email: 'cyrille.ng@shop.example',
      name: 'Cyrille Ng',
      role: 'team',
      team: 'shop',
    }),
    await person(t, { email: 'dagny.holm@cx.example', name: 'Dagny Holm', role: 'cx' }),
  ];
  const [ann] = authors as [TPerson];

  const b = await send<TBrainstormInfo>(lead, 'POST', '/api/brainstorms', {
    title: 'Interactions',
    teams: ['care', 'shop'],
    segments: ['everyone'],
    durationMinutes: 30,
  });
  const base = `/api/brainstorms/${b.id}`;
  const watching = await Promise.all(
    [viewer, ...authors].map(async (p) => frames(await p.call(`${base}/stream`))),
  );
  for (const s of watching) await s.next((f) => f.event === 'snapshot');

  const written: TEntry[] = [];
  for (const [i, p] of authors.entries()) {
    for (const text of [
      `Calls the hotline (${i})`,
      `Tracks the parcel (${i})`,
      `Reads an e-mail (${i})`,
    ]) {
      written.push(await send<TEntry>(p, 'POST', `${base}/entries`, { text, channel: 'phone' }));
    }
  }
  const [first, second] = written;
  if (first === undefined || second === undefined) throw new Error('no entries');
  await send(ann, 'PATCH', `${base}/entries/${first.id}`, { text: 'Calls the hotline twice' });
  await send(ann, 'DELETE', `${base}/entries/${second.id}`);
  await send(lead, 'GET', base);
  await send(ann, 'GET', base);
  await send(viewer, 'GET', '/api/brainstorms');

  // While the session is open, the stored rows name nobody either.
  const openRows = JSON.stringify(
    await t.context.store.all(sql`SELECT * FROM brainstorm_entries`),
    (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v),
  );

  clock += 30 * 60_000;
  await send(lead, 'POST', `${base}/lock`);
  for (const s of watching) await s.next((f) => f.event === 'locked');
  const board = await send<TBoard>(viewer, 'GET', base);
  const ids = board.entries.map((e) => e.id);
  await send(lead, 'POST', `${base}/merge`, { into: ids[0], entries: [ids[3], ids[6]] });
  await send(lead, 'PUT', `${base}/touchpoints/hotline`, {
    name: 'Hotline',
    stage: 'Support',
    channel: 'phone',
    owner: 'care',
    entries: [ids[0], ids[9]],
  });
  await send(lead, 'PUT', `${base}/touchpoints/parcel-tracking`, {
    name: 'Parcel tracking',
    stage: 'Fulfilment',
    channel: 'web',
    owner: 'shop',
    entries: [ids[1], ids[4]],
  });
  await send(lead, 'PUT', `${base}/journeys/everyone-support`, {
    name: 'Support',
    segment: 'everyone',
    steps: ['parcel-tracking', 'hotline'],
  });
  await send(viewer, 'GET', `${base}/export?format=csv`);
  await send(viewer, 'GET', `${base}/export?format=json`);
  await send(lead, 'GET', base);
  for (const s of watching) await s.cancel();

  // Every brainstorm operation of the document was called.
  const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const documented = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/brainstorms'))
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  const called = new Set([...answers.map((a) => a.operation), 'GET /api/brainstorms/{id}/stream']);
  expect(documented.filter((o) => !called.has(o))).toEqual([]);
  expect(documented.length).toBe(12);

  const audit = await (await t.call('admin', '/api/admin/audit?limit=200')).text();
  const versions = (
    await t.context.store.all<{ yaml: string }>(sql`SELECT yaml FROM workspace_versions`)
  )
    .map((v) => v.yaml)
    .join('\n');
  const lockedRows = JSON.stringify(
    [
      ...(await t.context.store.all(sql`SELECT * FROM brainstorms`)),
      ...(await t.context.store.all(sql`SELECT * FROM brainstorm_entries`)),
    ],
    (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v),
  );
  const places: Record<string, string> = {
    answers: answers.map((a) => a.text).join('\n'),
    streams: watching.map((s) => s.text).join('\n'),
    audit,
    yaml: await readFile(join(dir, 'journeylens.yaml'), 'utf8'),
    versions,
    'rows while open': openRows,
    'rows after the lock': lockedRows,
  };
  for (const a of authors) {
    for (const secret of [a.user.id, a.user.email, a.user.name, a.user.email.split('@')[0] ?? '']) {
      for (const [where, text] of Object.entries(places)) {
        expect(text.includes(secret), `${secret} appears in ${where}`).toBe(false);
      }
    }
  }
  // The places are not empty: the search could have found them.
  expect(places.answers).toContain('Calls the hotline twice');
  expect(places.streams).toContain('Tracks the parcel (3)');
  expect(places.yaml).toMatch(/teams: \{ ?care: 2, cx: 1, shop: 1 ?\}/);
  expect(places.audit).toContain('user:lead@cx.example');

  // The log line of an entry write names nobody; no line pairs a person with an entry.
  const writes = t.log.lines.filter(
    (l) => l.message === 'request' && l.method !== 'GET' && String(l.path).includes('/entries'),
  );
  expect(writes.length).toBe(written.length + 2);
  expect(writes.filter((l) => 'principal' in l)).toEqual([]);
  // The log names the authors only where they read (the board, its stream): beside no entry.
  const entryMarks = written.flatMap((e) => [e.id, e.text]);
  const named = t.log.lines.filter((l) => 'principal' in l);
  expect(named.length).toBeGreaterThan(5);
  const paired = named.filter((l) => entryMarks.some((m) => JSON.stringify(l).includes(m)));
  expect(paired).toEqual([]);
  const authorLines = t.log.lines.filter((l) =>
    authors.some((a) => JSON.stringify(l).includes(a.user.email)),
  );
  expect(authorLines.every((l) => l.method === 'GET')).toBe(true);
  for (const a of authors) {
    expect(JSON.stringify(t.log.lines).includes(a.user.id), 'a user id in the log').toBe(false);
  }
  // Entry writes leave no audit entry (it would name its actor).
  expect(audit).not.toMatch(/brainstorm\.entry/);
  // The stored rows keep the team, and after the lock no author tag or key.
  const [counts] = await t.context.store.all<{ tags: number; keys: number }>(sql`SELECT
    (SELECT count(author_tag) FROM brainstorm_entries) AS tags,
    (SELECT count(author_key) FROM brainstorms) AS keys`);
  expect(counts).toEqual({ tags: 0, keys: 0 });
});
