/**
 * GET /api/feedback/verbatims on a small generated demo company, on the real app and store.
 * What it finds is checked against the raw `feedback` table read here (not the analysis's
 * tables) and a word count done in the test; themes against the analysis's own theme list.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../../demo/generate.js';
import { raw } from '../../query/sql.js';
import { analyze, type TAnalysis } from '../../service/analyze.js';
import { loadWorkspaceDir } from '../../service/workspace-files.js';
import { openStore } from '../../service/workspace-store.js';
import { testApp, type TTestApp } from '../test-kit.js';
import { analysisRoutes } from './analysis-routes.js';
import { feedbackRoutes, preview, type TVerbatimPage } from './feedback-routes.js';
import { importDemoData } from '../../../demo/import-demo.js';

type TRaw = { seq: number; ts: Date; kind: string; score: number; verbatim: string };

let dir: string;
let t: TTestApp;
let expected: TAnalysis;
let written: TRaw[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-feedback-routes-'));
  await generateDemo({ seed: 3, customers: 600, out: dir });
  const store = await openStore(dir);
  await importDemoData(store, dir);
  expected = await analyze(store, await loadWorkspaceDir(dir));
  written = await store.all<TRaw>(
    raw(`SELECT seq, ts, kind, score, verbatim FROM feedback
      WHERE verbatim IS NOT NULL AND trim(verbatim) <> ''`),
  );
  await store.close();
  t = await testApp([analysisRoutes, feedbackRoutes], { workspaceDir: dir });
}, 120_000);
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

const search = async (query: string): Promise<TVerbatimPage> => {
  const res = await t.call('viewer', `/api/feedback/verbatims?${query}`);
  const body = (await res.json()) as TVerbatimPage;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
};

describe('the verbatims', () => {
  it('lists every verbatim written, latest first, a page at a time', async () => {
    expect(written.length).toBeGreaterThan(50);
    const first = await search('limit=20');
    expect(first).toMatchObject({ verbatims: written.length, total: written.length, limit: 20 });
    expect(expected.feedback.verbatims.verbatims).toBe(written.length);
    const latest = [...written].sort(
      (a, b) => new Date(b.ts).getTime() - new Date(a.ts).getTime() || b.seq - a.seq,
    );
    expect(first.items.map((i) => i.id)).toEqual(latest.slice(0, 20).map((r) => String(r.seq)));
    const second = await search('limit=20&offset=20');
    expect(second.items.map((i) => i.id)).toEqual(latest.slice(20, 40).map((r) => String(r.seq)));
    const item = first.items[0];
    const row = latest[0];
    if (item === undefined || row === undefined) throw new Error('no verbatim');
    expect(item).toMatchObject({
      kind: row.kind,
      score: row.score,
      text: row.verbatim,
      answeredAt: new Date(row.ts).toISOString(),
    });
    expect(item.quote).toEqual(preview(item.id, row.verbatim));
  });

  it('finds the verbatims holding a word or its inflections, with the word highlighted', async () => {
    const word = /(?<![\p{L}\p{N}])deliver(?:y|ies|ed|s)?(?![\p{L}\p{N}])/iu;
    // "delivery" as asked: the word and its simple inflections (deliveries is not one).
    const holding = written.filter((r) =>
      /(?<![\p{L}\p{N}])delivery(?:s|es|ed|d|ing|['’]s)?(?![\p{L}\p{N}])/iu.test(r.verbatim),
    );
    expect(holding.length).toBeGreaterThan(5);
    const body = await search('q=Delivery&limit=500');
    expect(body.total).toBe(holding.length);
    expect(new Set(body.items.map((i) => i.id))).toEqual(
      new Set(holding.map((r) => String(r.seq))),
    );
    for (const i of body.items) {
      const [[s, e] = [0, 0]] = i.quote.highlights;
      expect(i.quote.text.slice(s, e)).toMatch(word);
    }
    const none = await search('q=zzyzx');
    expect(none).toMatchObject({ total: 0, items: [] });
  });

  it('keeps one theme, one touchpoint, or both', async () => {
    const theme = expected.feedback.verbatims.themes[0];
    if (theme === undefined) throw new Error('the demo has no theme');
    const body = await search(`theme=${encodeURIComponent(theme.label)}&limit=500`);
    expect(body.total).toBe(theme.verbatims);
    expect(new Set(body.items.map((i) => i.id))).toEqual(new Set(theme.verbatimIds));
    const top = theme.touchpoints[0];
    if (top === undefined) throw new Error('the theme has no touchpoint');
    const there = await search(
      `theme=${encodeURIComponent(theme.label)}&touchpoint=${top.name}&limit=500`,
    );
    expect(there.total).toBe(top.verbatims);
    expect(there.items.every((i) => i.touchpoint === top.name)).toBe(true);
    const unknown = await t.call('viewer', '/api/feedback/verbatims?theme=no%20such%20theme');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(
      theme.label,
    );
  });

  it('admits people and read tokens only', async () => {
    expect((await t.call('anonymous', '/api/feedback/verbatims')).status).toBe(401);
    expect((await t.call('route', '/api/feedback/verbatims')).status).toBe(403);
    expect((await t.call('read', '/api/feedback/verbatims?q=staff')).status).toBe(200);
    expect((await t.call('viewer', '/api/feedback/verbatims?limit=501')).status).toBe(400);
  });
});

describe('a preview', () => {
  it.each([
    ['Short and sweet.', 240, 'Short and sweet.'],
    ['one two three four five six', 12, 'one two…'],
    ['abcdefghijklmnop', 8, 'abcdefgh…'],
  ])('of %j cut at %d is %j', (text, length, out) => {
    expect(preview('1', text, length).text).toBe(out);
  });
});
