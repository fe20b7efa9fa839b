/**
 * `journeylens demo` end to end on a small company: generates, imports everything without
 * a quarantined record, analyzes it, prints the summary of the analysis (with what customers
 * said) and writes the full reports into the demo folder; the store holds exactly what the ground truth says was
 * generated. Segment and channel filters work on the result.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { raw } from '../src/query/sql.js';
import { openStore } from '../src/service/workspace-store.js';
import { assertBuilt, cli, type TCliResult } from './cli.js';

type TGroundTruth = {
  seed: number;
  counts: {
    customers: number;
    events: number;
    cases: number;
    feedback: number;
    eventsByChannel: Record<string, number>;
    eventsBySegment: Record<string, number>;
  };
};

let dir: string;
let out: string;
let run: TCliResult;

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'jl-demo-'));
  out = join(dir, 'demo');
  run = await cli(['demo', '--seed', '7', '--customers', '400', '--out', out, '--no-serve']);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('generates, imports and summarises the demo company', async () => {
  expect(run.code, run.stderr).toBe(0);
  const truth = JSON.parse(readFileSync(join(out, 'ground-truth.json'), 'utf8')) as TGroundTruth;
  expect(truth.seed).toBe(7);
  expect(run.stdout).toMatch(/^# Larkspur Living \(demo, seed 7\)\n/);
  expect(run.stdout).toContain(`from ${truth.counts.events.toLocaleString('en-US')} events`);
  expect(run.stderr).not.toMatch(/quarantined/);

  const store = await openStore(out);
  try {
    const [counts] = await store.all<{
      customers: number;
      events: number;
      cases: number;
      feedback: number;
    }>(
      raw(`SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM events) AS events,
        (SELECT count(DISTINCT case_id) FROM events) AS cases, (SELECT count(*) FROM feedback) AS feedback`),
    );
    expect(counts).toEqual({
      customers: truth.counts.customers,
      events: truth.counts.events,
      cases: truth.counts.cases,
      feedback: truth.counts.feedback,
    });
  } finally {
    await store.close();
  }
});

it('filters discovery by channel and by segment', async () => {
  const truth = JSON.parse(readFileSync(join(out, 'ground-truth.json'), 'utf8')) as TGroundTruth;
  const phone = await cli(['discover', '-w', out, '--channel', 'phone', '--format', 'json']);
  expect(phone.code, phone.stderr).toBe(0);
  expect((JSON.parse(phone.stdout) as { events: number }).events).toBe(
    truth.counts.eventsByChannel.phone,
  );

  const all = JSON.parse((await cli(['discover', '-w', out, '--format', 'json'])).stdout) as {
    cases: number;
  };
  const vip = await cli(['discover', '-w', out, '--segment', 'vip', '--format', 'json']);
  expect(vip.code, vip.stderr).toBe(0);
  // The generator assigns segments by the rules it writes into journeylens.yaml; the store
  // evaluates those rules in SQL over the imported customer attributes. Both must agree.
  const vipResult = JSON.parse(vip.stdout) as { cases: number; events: number };
  expect(vipResult.events).toBe(truth.counts.eventsBySegment.vip);
  expect(vipResult.cases).toBeLessThan(all.cases);

  const unknown = await cli(['discover', '-w', out, '--segment', 'nope']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/--segment nope: no such segment; the workspace has .*vip/);
});

it('prints the summary of the analysis, not the whole report, and writes the full reports', async () => {
  expect(run.stdout).toContain('\n## Summary\n');
  expect(run.stdout).toContain('\n### Top 5 opportunities\n');
  expect(run.stdout.match(/^\| [1-5] \| /gm)).toHaveLength(5);
  expect(run.stdout).not.toContain('## Friction');
  // What customers said: every response imported, each kind's headline with interval and n,
  // and the largest loss in words.
  const truth = JSON.parse(readFileSync(join(out, 'ground-truth.json'), 'utf8')) as TGroundTruth;
  expect(run.stdout).toContain(
    `\n- **Voice of the customer**: ${truth.counts.feedback.toLocaleString('en-US')} survey responses: CSAT `,
  );
  expect(run.stdout).toMatch(
    /\*\*Voice of the customer\*\*: .*CSAT \d+\.\d% satisfied \(\d+\.\d–\d+\.\d%, n [\d,]+\); NPS [+−]?\d+ \([+−]?\d+ to [+−]?\d+, n [\d,]+\)/,
  );
  // 400 customers: too few answers for a significant loss (or for CES, "n < 30"); the line
  // then says so.
  expect(run.stdout).toMatch(
    /\n- \*\*Largest satisfaction gap\*\*: (customers [^:]+: (CSAT|NPS|CES) .+ points below the others' .+ \(.+; n [\d,]+ vs [\d,]+\)|no significant loss in [\d,]+ comparisons of exposed customers with the others .+)\n/,
  );
  const files = ['report.md', 'report.html', 'report.json'].map((f) => join(out, f));
  expect(run.stdout).toContain(`The full report: ${files.join(', ')}\n`);

  const [md, html, json] = files.map((f) => readFileSync(f, 'utf8'));
  for (const section of [
    '## Summary',
    '## Opportunities',
    '## Friction',
    '## Voice of the customer',
    '## Stages',
  ])
    expect(md).toContain(`\n${section}\n`);
  // The printed summary is the report's own summary section.
  const summary = run.stdout.slice(run.stdout.indexOf('## Summary'), run.stdout.indexOf('…and'));
  expect(md).toContain(summary);
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).toContain('<section id="conformance">');
  // The JSON is the analysis itself: what `analyze --format json` writes.
  const analyzed = await cli(['analyze', '-w', out, '--format', 'json']);
  expect(analyzed.code, analyzed.stderr).toBe(0);
  expect(json).toBe(analyzed.stdout);
});

it('checks its options before generating anything', async () => {
  const bad = await cli(['demo', '--top', 'many', '--out', join(dir, 'never'), '--no-serve']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--top many: expected a whole number');
  expect(existsSync(join(dir, 'never'))).toBe(false);
});
