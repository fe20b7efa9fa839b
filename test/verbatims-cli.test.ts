/**
 * `journeylens verbatims` on the friction fixture (test/fixtures/friction with feedback.csv):
 * what customers wrote, tied to touchpoints and stages as the analysis ties it.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertBuilt, cli, REPO } from './cli.js';

const FIXTURES = join(REPO, 'test', 'fixtures', 'friction');
let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'jl-verbatims-'));
  await copyFile(join(FIXTURES, 'journeylens.yaml'), join(dir, 'journeylens.yaml'));
  for (const kind of ['customers', 'events', 'feedback']) {
    const r = await cli(['import', join(FIXTURES, `${kind}.csv`), '--kind', kind, '-w', dir]);
    if (r.code !== 0) throw new Error(r.stderr);
  }
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('finds a word with its inflections, tied to the touchpoint the answer is about', async () => {
  const r = await cli(['verbatims', '-w', dir, '--search', 'fail', '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as {
    searched: number;
    hits: {
      touchpoint?: string;
      stage?: string;
      kind: string;
      score: number;
      quote: { text: string };
    }[];
  };
  // "The payment kept failing": c2's CSAT, tied to the payment step before it.
  expect(out.searched).toBe(4);
  expect(out.hits.map((h) => [h.touchpoint, h.stage, h.kind, h.score, h.quote.text])).toEqual([
    ['pay', 'Purchase', 'csat', 2, 'The payment kept failing'],
  ]);
});

it('filters by stage and prints Markdown with the matches in bold', async () => {
  const r = await cli(['verbatims', '-w', dir, '--search', 'desks', '--stage', 'Support']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('1 shown of 4 verbatims searched.');
  expect(r.stdout).toContain('> Passed around between **desks**');
});

it('refuses an unknown touchpoint or stage, naming the known ones', async () => {
  const r = await cli(['verbatims', '-w', dir, '--search', 'x', '--stage', 'Nowhere']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--stage Nowhere: the workspace');
  expect(r.stderr).toContain('Interest, Intent, Purchase, Support, Retention');
});
