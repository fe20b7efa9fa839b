/**
 * Brainstorms through the real app on a real store and a real workspace folder: opening a
 * session (bad input named by field), who may write, editing and removing one's own entries,
 * the lock by time (409 after it, even before the timer ran; the timer's `locked` event on
 * the stream), and the CX team's merging, clustering into touchpoints of journeylens.yaml
 * (with entries and per-team counts, comments kept, a new version) and ordering into a
 * journey.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sql } from '../../query/sql.js';
import type {
  TBoard,
  TBrainstormInfo,
  TEntry,
} from '../../service/brainstorms/brainstorm-types.js';
import { testApp, type TTestApp } from '../test-kit.js';
import { brainstormModule } from './brainstorm-routes.js';
import { person, workspaceDir, type TPerson } from './brainstorm-test-helpers.js';
import { frames } from './test-http.js';
import { workspaceRoutes } from './workspace-routes.js';

type TError = { error: { code: string; message: string } };

let dir: string;
let t: TTestApp;
let clock: number;
let cx: TPerson;
let care: TPerson;
let care2: TPerson;
let shop: TPerson;
let legal: TPerson;
let viewer: TPerson;

beforeEach(async () => {
  dir = await workspaceDir();
  clock = Date.parse('2026-03-01T09:00:00Z');
  t = await testApp(
    [workspaceRoutes, brainstormModule({ now: () => clock, keepAliveMs: 60_000 })],
    {
      workspaceDir: dir,
    },
  );
  cx = await person(t, { email: 'lead@cx.example', role: 'cx' });
  care = await person(t, { email: 'ann@care.example', role: 'team', team: 'care' });
  care2 = await person(t, { email: 'bob@care.example', role: 'team', team: 'care' });
  shop = await person(t, { email: 'cy@shop.example', role: 'team', team: 'shop' });
  legal = await person(t, { email: 'di@legal.example', role: 'team', team: 'legal' });
  viewer = await person(t, { email: 'eve@view.example', role: 'viewer' });
});
afterEach(async () => {
  t.app.lifecycle.closing();
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(extra: Record<string, unknown> = {}): Promise<TBrainstormInfo> {
  const r = await cx.send<TBrainstormInfo>('POST', '/api/brainstorms', {
    title: 'Every interaction',
    prompt: 'List every interaction a customer can have with us',
    teams: ['care', 'shop'],
    segments: ['everyone'],
    durationMinutes: 20,
    ...extra,
  });
  expect(r.status).toBe(201);
  return r.body;
}

const entry = (who: TPerson, id: string, text: string, extra: Record<string, unknown> = {}) =>
  who.send<TEntry>('POST', `/api/brainstorms/${id}/entries`, { text, ...extra });

describe('opening a brainstorm', () => {
  it('opens a session for the invited teams that ends after its duration', async () => {
    const b = await open();
    expect(b).toMatchObject({
      title: 'Every interaction',
      teams: ['care', 'shop'],
      segments: ['everyone'],
      status: 'open',
      startsAt: '2026-03-01T09:00:00.000Z',
      endsAt: '2026-03-01T09:20:00.000Z',
      createdBy: 'user:lead@cx.example',
      entries: 0,
    });
    const list = await viewer.send<{ brainstorms: TBrainstormInfo[] }>('GET', '/api/brainstorms');
    expect(list.body.brainstorms.map((x) => x.id)).toEqual([b.id]);
  });

  it('names the field and the reason of bad input', async () => {
    const bad = async (body: unknown) =>
      (await cx.send<TError>('POST', '/api/brainstorms', body)).body.error.message;
    const base = { title: 'T', teams: ['care'], durationMinutes: 10 };
    expect(await bad({ ...base, title: ' ' })).toBe('title: must not be empty');
    expect(await bad({ ...base, teams: ['care', 'marketing'] })).toBe(
      'teams.1: unknown team "marketing" (known: care, shop, legal)',
    );
    expect(await bad({ ...base, segments: ['vip'] })).toBe(
      'segments.0: unknown segment "vip" (known: premium, everyone)',
    );
    expect(await bad({ ...base, endsAt: '2026-03-01T10:00:00Z' })).toBe(
      'durationMinutes: give either durationMinutes or endsAt, not both and not neither',
    );
    expect(await bad({ title: 'T', teams: ['care'], endsAt: '2026-03-01T08:00:00Z' })).toBe(
      'endsAt: must be in the future',
    );
    expect(await bad({ ...base, teams: [] })).toBe('teams: invite at least one team');
    expect((await care.send('POST', '/api/brainstorms', base)).status).toBe(403);
  });
});

describe('writing entries', () => {
  it('lets the CX team and invited teams write; others watch', async () => {
    const b = await open();
    expect(
      (await entry(care, b.id, 'Calls the hotline', { channel: 'phone', stage: 'Support' })).status,
    ).toBe(201);
    expect((await entry(cx, b.id, 'Reads the newsletter')).status).toBe(201);
    const refused = await entry(legal, b.id, 'Reads the terms');
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as TError).error).toMatchObject({ code: 'not_invited' });
    expect((await entry(viewer, b.id, 'Watches')).status).toBe(403);
    const bad = await entry(care, b.id, 'Calls', { channel: 'pigeon' });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as TError).error.message).toMatch(
      /^channel: unknown channel "pigeon"/,
    );
    const board = await viewer.send<TBoard>('GET', `/api/brainstorms/${b.id}`);
    expect(board.body.entries.map((e) => [e.n, e.text, e.channel, e.stage, e.mine])).toEqual([
      [1, 'Calls the hotline', 'phone', 'Support', false],
      [2, 'Reads the newsletter', null, null, false],
    ]);
    expect(board.body.teamCounts).toBeNull();
    expect(board.body.canWrite).toBe(false);
    expect((await legal.send<TBoard>('GET', `/api/brainstorms/${b.id}`)).body.canWrite).toBe(false);
    expect((await care.send<TBoard>('GET', `/api/brainstorms/${b.id}`)).body.canWrite).toBe(true);
  });

  it('shows an author their own entries, which only they may change', async () => {
    const b = await open();
    const mine = (await entry(care, b.id, 'Tracks the parcel')).body;
    expect(mine.mine).toBe(true);
    const seen = async (who: TPerson) =>
      (await who.send<TBoard>('GET', `/api/brainstorms/${b.id}`)).body.entries.map((e) => e.mine);
    expect(await seen(care)).toEqual([true]);
    expect(await seen(care2)).toEqual([false]);
    const path = `/api/brainstorms/${b.id}/entries/${mine.id}`;
    const other = await care2.send<TError>('PATCH', path, { text: 'Mine now' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('not_your_entry');
    const edited = await care.send<TEntry>('PATCH', path, {
      text: 'Tracks the parcel online',
      channel: 'web',
    });
    expect(edited.body).toMatchObject({
      text: 'Tracks the parcel online',
      channel: 'web',
      mine: true,
      n: 1,
    });
    expect((await care2.send('DELETE', path)).status).toBe(403);
    expect((await care.send('DELETE', path)).status).toBe(204);
    const again = (await entry(shop, b.id, 'Returns a parcel')).body;
    // The CX team removes any entry (moderation).
    expect((await cx.send('DELETE', `/api/brainstorms/${b.id}/entries/${again.id}`)).status).toBe(
      204,
    );
    expect((await seen(care)).length).toBe(0);
  });

  it('locks by time: writes after the end get 409, and the authors’ keys are erased', async () => {
    const b = await open();
    const e = (await entry(care, b.id, 'Calls the hotline')).body;
    await entry(shop, b.id, 'Orders online');
    await entry(shop, b.id, 'Orders in the app');
    clock += 20 * 60_000;
    const late = await entry(care, b.id, 'Too late');
    expect(late.status).toBe(409);
    expect((late.body as unknown as TError).error).toEqual({
      code: 'locked',
      message:
        'the brainstorm "Every interaction" locked at 2026-03-01T09:20:00.000Z: entries can no longer be added, changed or removed',
    });
    expect(
      (await care.send('PATCH', `/api/brainstorms/${b.id}/entries/${e.id}`, { text: 'x' })).status,
    ).toBe(409);
    expect((await care.send('DELETE', `/api/brainstorms/${b.id}/entries/${e.id}`)).status).toBe(
      409,
    );
    const board = (await care.send<TBoard>('GET', `/api/brainstorms/${b.id}`)).body;
    expect(board.brainstorm.status).toBe('locked');
    expect(board.entries.every((x) => !x.mine)).toBe(true);
    expect(board.teamCounts).toEqual([
      { team: 'shop', entries: 2 },
      { team: 'care', entries: 1 },
    ]);
    const [row] = await t.context.store.all<{ keys: number; tags: number }>(sql`SELECT
      (SELECT count(author_key) FROM brainstorms) AS keys,
      (SELECT count(author_tag) FROM brainstorm_entries) AS tags`);
    expect(row).toEqual({ keys: 0, tags: 0 });
  });

  it('locks on its own at the end time and tells every listener', async () => {
    const dir2 = await workspaceDir();
    const t2 = await testApp([workspaceRoutes, brainstormModule({ keepAliveMs: 60_000 })], {
      workspaceDir: dir2,
    });
    try {
      const lead = await person(t2, { email: 'lead2@cx.example', role: 'cx' });
      const endsAt = new Date(Date.now() + 400).toISOString();
      const b = (
        await lead.send<TBrainstormInfo>('POST', '/api/brainstorms', {
          title: 'Quick',
          teams: ['care'],
          endsAt,
        })
      ).body;
      const stream = frames(await lead.call(`/api/brainstorms/${b.id}/stream`));
      expect((await stream.next((f) => f.event === 'snapshot')).data).toContain('"status":"open"');
      const locked = await stream.next((f) => f.event === 'locked', 3000);
      expect(JSON.parse(locked.data ?? '')).toEqual({ endsAt });
      await stream.cancel();
      expect(
        (await lead.send('POST', `/api/brainstorms/${b.id}/entries`, { text: 'late' })).status,
      ).toBe(409);
    } finally {
      t2.app.lifecycle.closing();
      await t2.close();
      await rm(dir2, { recursive: true, force: true });
    }
  });
});

describe('the live board', () => {
  it('sends a snapshot, then each change once, with `mine` for each listener', async () => {
    const b = await open();
    await entry(care, b.id, 'First');
    const careStream = frames(await care.call(`/api/brainstorms/${b.id}/stream`));
    const shopStream = frames(await shop.call(`/api/brainstorms/${b.id}/stream`));
    const snap = JSON.parse((await careStream.next((f) => f.event === 'snapshot')).data ?? '') as {
      entries: TEntry[];
    };
    expect(snap.entries.map((e) => [e.text, e.mine])).toEqual([['First', true]]);
    await shopStream.next((f) => f.event === 'snapshot');
    const added = (await entry(shop, b.id, 'Second')).body;
    const forCare = JSON.parse((await careStream.next((f) => f.event === 'entry')).data ?? '') as {
      entry: TEntry;
      change: string;
    };
    const forShop = JSON.parse((await shopStream.next((f) => f.event === 'entry')).data ?? '') as {
      entry: TEntry;
    };
    expect(forCare).toEqual({ change: 'added', entry: { ...added, mine: false } });
    expect(forShop.entry).toEqual({ ...added, mine: true });
    await cx.send('DELETE', `/api/brainstorms/${b.id}/entries/${added.id}`);
    expect(JSON.parse((await careStream.next((f) => f.event === 'removed')).data ?? '')).toEqual({
      id: added.id,
    });
    await cx.send('POST', `/api/brainstorms/${b.id}/lock`);
    await careStream.next((f) => f.event === 'locked');
    await careStream.cancel();
    await shopStream.cancel();
    expect((await cx.send('GET', '/api/brainstorms/bs-none/stream')).status).toBe(404);
  });
});

describe('curating after the lock', () => {
  it('merges, clusters into touchpoints of the model and orders them into a journey', async () => {
    const b = await open();
    const a1 = (await entry(care, b.id, 'Calls about the delivery', { channel: 'phone' })).body;
    const a2 = (await entry(shop, b.id, 'Phones to ask where the parcel is')).body;
    const a3 = (await entry(care2, b.id, 'Checks the tracking page')).body;
    const a4 = (await entry(shop, b.id, 'Orders in the web shop')).body;
    const early = await cx.send<TError>('PUT', `/api/brainstorms/${b.id}/touchpoints/where-is-it`, {
      name: 'Where is my parcel',
      stage: 'Fulfilment',
      channel: 'phone',
      owner: 'care',
      entries: [a1.id],
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('still_open');
    expect((await cx.send('POST', `/api/brainstorms/${b.id}/lock`)).status).toBe(200);

    expect(
      (await cx.send('POST', `/api/brainstorms/${b.id}/merge`, { into: a1.id, entries: [a2.id] }))
        .status,
    ).toBe(204);
    expect(
      (await care.send('POST', `/api/brainstorms/${b.id}/merge`, { into: a1.id, entries: [a3.id] }))
        .status,
    ).toBe(403);
    const cluster = await cx.send<{ version: number; changed: boolean }>(
      'PUT',
      `/api/brainstorms/${b.id}/touchpoints/where-is-it`,
      {
        name: 'Where is my parcel',
        stage: 'Fulfilment',
        channel: 'phone',
        owner: 'care',
        entries: [a1.id, a3.id],
      },
    );
    expect(cluster.status).toBe(200);
    expect(cluster.body).toMatchObject({ version: 2, changed: true });
    const bad = await cx.send<TError & { error: { details: { path: string }[] } }>(
      'PUT',
      `/api/brainstorms/${b.id}/touchpoints/shop-visit`,
      { name: 'Shop', stage: 'Nowhere', channel: 'web', owner: 'shop', entries: [a4.id] },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_workspace');
    expect(bad.body.error.message).toMatch(/Nowhere/);
    await cx.send('PUT', `/api/brainstorms/${b.id}/touchpoints/web-order`, {
      name: 'Web order',
      stage: 'Purchase',
      channel: 'web',
      owner: 'shop',
      entries: [a4.id],
    });

    const text = await readFile(join(dir, 'journeylens.yaml'), 'utf8');
    expect(text).toContain('# Kept by hand: a comment that every save must keep.');
    const file = parse(text) as { touchpoints: { id: string; origin?: unknown }[] };
    expect(file.touchpoints.find((x) => x.id === 'where-is-it')?.origin).toEqual({
      brainstorm: b.id,
      entries: [a1.id, a2.id, a3.id],
      teams: { care: 2, shop: 1 },
    });

    const order = await cx.send<{ version: number }>(
      'PUT',
      `/api/brainstorms/${b.id}/journeys/everyone-online`,
      {
        name: 'Online',
        segment: 'everyone',
        steps: ['web-order', 'where-is-it'],
      },
    );
    expect(order.status).toBe(200);
    const wrong = await cx.send<TError>('PUT', `/api/brainstorms/${b.id}/journeys/premium`, {
      name: 'Premium',
      segment: 'premium',
      steps: ['web-order'],
    });
    expect(wrong.body.error.message).toBe(
      'segment: "premium" is not a segment of this brainstorm (everyone)',
    );

    const board = (await viewer.send<TBoard>('GET', `/api/brainstorms/${b.id}`)).body;
    expect(board.entries.find((e) => e.id === a2.id)?.duplicateOf).toBe(a1.id);
    expect(board.touchpoints.map((x) => [x.id, x.entries.length, x.teams])).toEqual([
      ['where-is-it', 3, { care: 2, shop: 1 }],
      ['web-order', 1, { shop: 1 }],
    ]);
    expect(board.journeys).toEqual([
      {
        id: 'everyone-online',
        name: 'Online',
        segment: 'everyone',
        steps: ['web-order', 'where-is-it'],
      },
    ]);
    const versions = (
      await cx.send<{ items: { savedBy: string }[] }>('GET', '/api/workspace/versions')
    ).body;
    expect(versions.items[0]?.savedBy).toBe('user:lead@cx.example');

    // Moving an entry to another touchpoint takes it out of the first.
    await cx.send('PUT', `/api/brainstorms/${b.id}/touchpoints/tracking-page`, {
      name: 'Tracking page',
      stage: 'Fulfilment',
      channel: 'web',
      owner: 'shop',
      entries: [a3.id],
    });
    const moved = (await viewer.send<TBoard>('GET', `/api/brainstorms/${b.id}`)).body.touchpoints;
    expect(moved.find((x) => x.id === 'where-is-it')?.teams).toEqual({ care: 1, shop: 1 });

    const csv = await (await viewer.call(`/api/brainstorms/${b.id}/export?format=csv`)).text();
    expect(csv.split('\r\n')[0]).toBe('id,n,text,channel,stage,duplicate_of,touchpoint');
    expect(csv).toContain(`${a2.id},2,Phones to ask where the parcel is,,,${a1.id},where-is-it`);
  });
});
