/**
 * Fifty participants at once through the real app: fifty people of five teams each hold the
 * board's event stream open and write four entries, all two hundred writes sent together.
 * Every participant must see every entry exactly once (from the snapshot or the live
 * events, up to the `locked` event that closes the session), numbered 1 to 200 without a gap
 * or a repeat, with exactly their own four marked as theirs; the counts per team after the
 * lock must add up.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  TBoard,
  TBrainstormInfo,
  TEntry,
} from '../../service/brainstorms/brainstorm-types.js';
import { testApp, type TTestApp } from '../test-kit.js';
import { brainstormModule } from './brainstorm-routes.js';
import { person, type TPerson } from './brainstorm-test-helpers.js';
import { frames } from './test-http.js';

const TEAMS = ['care', 'shop', 'legal', 'fulfilment', 'marketing'];
const PARTICIPANTS = 50;
const EACH = 4;

let t: TTestApp;
beforeAll(async () => {
  t = await testApp([brainstormModule({ keepAliveMs: 60_000 })]);
});
afterAll(async () => {
  t.app.lifecycle.closing();
  await t.close();
});

it('shows every entry exactly once to each of 50 participants writing at the same time', async () => {
  const lead = await person(t, { email: 'lead@cx.example', role: 'cx' });
  const people: TPerson[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const team = TEAMS[i % TEAMS.length] ?? 'care';
    people.push(await person(t, { email: `p${i}@${team}.example`, role: 'team', team }));
  }
  const opened = await lead.send<TBrainstormInfo>('POST', '/api/brainstorms', {
    title: 'Fifty at once',
    teams: TEAMS,
    durationMinutes: 30,
  });
  const base = `/api/brainstorms/${opened.body.id}`;

  const streams = await Promise.all(
    people.map(async (p) => frames(await p.call(`${base}/stream`))),
  );
  const seen = streams.map(() => new Map<string, number>());
  const mine = streams.map(() => new Set<string>());
  await Promise.all(
    streams.map(async (s, i) => {
      const snapshot = JSON.parse((await s.next((f) => f.event === 'snapshot')).data ?? '') as {
        entries: TEntry[];
      };
      for (const e of snapshot.entries) seen[i]?.set(e.id, 1);
    }),
  );

  const writes = await Promise.all(
    people.flatMap((p, i) =>
      Array.from({ length: EACH }, (_, k) =>
        p.send<TEntry>('POST', `${base}/entries`, { text: `Interaction ${k} of participant ${i}` }),
      ),
    ),
  );
  expect(writes.map((w) => w.status).filter((s) => s !== 201)).toEqual([]);
  expect(writes.every((w) => w.body.mine)).toBe(true);
  const written = new Set(writes.map((w) => w.body.id));
  expect(written.size).toBe(PARTICIPANTS * EACH);
  expect(writes.map((w) => w.body.n).sort((a, b) => a - b)).toEqual(
    Array.from({ length: PARTICIPANTS * EACH }, (_, i) => i + 1),
  );

  expect((await lead.send('POST', `${base}/lock`)).status).toBe(200);
  await Promise.all(
    streams.map(async (s, i) => {
      for (;;) {
        const f = await s.next((x) => x.event === 'entry' || x.event === 'locked', 20_000);
        if (f.event === 'locked') break;
        const { entry, change } = JSON.parse(f.data ?? '') as { entry: TEntry; change: string };
        expect(change).toBe('added');
        seen[i]?.set(entry.id, (seen[i]?.get(entry.id) ?? 0) + 1);
        if (entry.mine) mine[i]?.add(entry.id);
      }
      await s.cancel();
    }),
  );

  for (const [i, counts] of seen.entries()) {
    expect(counts.size, `participant ${i} saw ${counts.size} entries`).toBe(PARTICIPANTS * EACH);
    expect(
      [...counts.values()].every((n) => n === 1),
      `participant ${i} saw a repeat`,
    ).toBe(true);
    expect([...counts.keys()].every((id) => written.has(id))).toBe(true);
    const own = writes.slice(i * EACH, (i + 1) * EACH).map((w) => w.body.id);
    expect([...(mine[i] ?? [])].sort()).toEqual(own.sort());
  }
  const board = (await lead.send<TBoard>('GET', base)).body;
  expect(board.teamCounts).toEqual(
    [...TEAMS].sort().map((team) => ({ team, entries: (PARTICIPANTS / TEAMS.length) * EACH })),
  );
}, 120_000);
