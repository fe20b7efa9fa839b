/**
 * `journeylens analyze`, run as a user runs it.
 *
 * On a small demo: the JSON has the report's sections and every friction and deviation priced
 * once; the Markdown and the self-contained HTML page carry every section.
 *
 * On a hand-made fixture (test/fixtures/report/journeylens.yaml over the friction fixture's
 * events, customers and feedback, plus test/fixtures/report/feedback.csv): the whole Markdown
 * report is compared with the golden file test/fixtures/report/friction.md, the HTML escapes a
 * touchpoint named `Billing <b>desk</b> & "help"` and a verbatim holding `<script>`, and with
 * the default feedback.minResponses every figure on too few answers reads "n < 30". After an intended change to the report, regenerate the golden
 * file and review its diff:
 *
 *   npm run build && npx vitest run test/analyze-cli.test.ts -u && git diff test/fixtures/report
 *
 * Also: clear errors for a folder without a workspace, an empty store and a bad --out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRICTION_TYPES } from '../src/model/gap-kinds.js';
import type { TAnalysis } from '../src/service/analyze.js';
import { assertBuilt, cli, REPO } from './cli.js';

const FIXTURES = join(REPO, 'test', 'fixtures');
const SECTIONS = [
  '## Summary',
  '## Opportunities',
  '## Friction',
  '## Conformance to the ideal journeys',
  '## Voice of the customer',
  '## Moments of truth',
  '## Stages',
];

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'jl-analyze-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('on a small demo', () => {
  let out: string;
  beforeAll(async () => {
    out = join(dir, 'demo');
    const demo = await cli([
      'demo',
      '--seed',
      '5',
      '--customers',
      '600',
      '--out',
      out,
      '--no-serve',
    ]);
    if (demo.code !== 0) throw new Error(demo.stderr);
  }, 120_000);

  it('writes the analysis as JSON with every section', async () => {
    const r = await cli(['analyze', '-w', out, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout) as TAnalysis;
    for (const key of ['conformance', 'friction', 'momentsOfTruth', 'stages', 'opportunities'])
      expect(a).toHaveProperty(key);
    const first = a.friction[0];
    expect(first).toBeDefined();
    expect(FRICTION_TYPES).toContain(first?.type);
    expect(first?.perMonth.reduce((sum, p) => sum + p.occurrences, 0)).toBe(first?.occurrences);

    expect(a.stages.map((s) => s.stage)).toEqual(
      [
        'Awareness',
        'Interest',
        'Intent',
        'Purchase',
        'Fulfilment',
        'Activation',
        'Support',
        'Retention',
      ].filter((s) => a.stages.some((x) => x.stage === s)),
    );
    // Every friction and every deviation is priced, each once.
    expect(a.opportunities.filter((o) => o.source === 'friction')).toHaveLength(a.friction.length);
    expect(a.opportunities.filter((o) => o.source === 'deviation')).toHaveLength(
      a.conformance.deviations.length,
    );
    const totals = a.opportunities.map((o) => o.totalPerYear);
    expect([...totals].sort((x, y) => y - x)).toEqual(totals);
  });

  it('writes Markdown with every section, names from the workspace and bounded tables', async () => {
    const md = await cli(['analyze', '-w', out]);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^# Journey analysis: Larkspur Living\n/);
    const positions = SECTIONS.map((s) => md.stdout.indexOf(`\n${s}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(md.stdout).toContain('### Top 5 opportunities');
    // Team names, not ids; money in the workspace currency.
    expect(md.stdout).toContain('Customer Service');
    expect(md.stdout).not.toContain('| customer-service |');
    expect(md.stdout).toMatch(/\| €[\d,]+ \|/);
    // 600 customers give more than 20 opportunities: the table says how many are left out.
    expect(md.stdout).toMatch(/…and [\d,]+ more opportunities \(all of them are in the JSON/);
    // The voice of the customer: in the summary, its own section, the moments and the prices.
    expect(md.stdout).toMatch(
      /\n- \*\*Voice of the customer\*\*: [\d,]+ survey responses: CSAT \d+\.\d% satisfied \(\d+\.\d–\d+\.\d%, n [\d,]+\); NPS [+−]?\d+ \([+−]?\d+ to [+−]?\d+, n [\d,]+\)/,
    );
    expect(md.stdout).toMatch(/\n- \*\*Largest satisfaction gap\*\*: customers /);
    for (const heading of [
      'How the answers were tied to the journey',
      'Satisfaction by touchpoint',
      'Gaps: exposed customers against the others',
      'Key drivers among the frictions',
      'What customers wrote',
      'Emotion curves: designed and measured',
    ])
      expect(md.stdout).toContain(`\n### ${heading}\n`);
    expect(md.stdout).toMatch(/\| moment of truth \| kind \|.*\| satisfaction \|/);
    expect(md.stdout).toMatch(/; flat churn risk \d+(\.\d)?% \(assumed\);/);
  });

  it('writes one self-contained HTML page with the same sections and charts', async () => {
    const file = join(dir, 'report.html');
    const html = await cli(['analyze', '-w', out, '--format', 'html', '--out', file]);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stderr).toContain(`wrote ${file}`);
    const page = readFileSync(file, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    for (const id of [
      'summary',
      'opportunities',
      'friction',
      'conformance',
      'voice-of-the-customer',
      'moments-of-truth',
      'stages',
    ])
      expect(page).toContain(`<section id="${id}">`);
    expect(page).toContain('<h2>Friction</h2>');
    expect(page.match(/<svg class="spark"/g)?.length).toBeGreaterThan(10);
    expect(page.match(/<svg class="chart"/g)).toHaveLength(3);
    // An emotion curve for each of the top ideal journeys by answers, and quotes with the
    // theme's phrase marked.
    expect(page.match(/<svg class="chart emotion"/g)).toHaveLength(5);
    expect(page).toMatch(/<td class="quote"><q>[^<]*<mark>[^<]+<\/mark>/);
    expect(page).not.toMatch(/<script|<link|\ssrc=|url\(|@import|https?:/i);
  });
});

/** Imports the friction fixture into a new workspace folder; answers what each import printed. */
async function importFixture(workspace: string, flags: string[] = []): Promise<string[]> {
  await mkdir(workspace);
  await copyFile(join(FIXTURES, 'report', 'journeylens.yaml'), join(workspace, 'journeylens.yaml'));
  const data = join(FIXTURES, 'friction');
  const printed: string[] = [];
  for (const args of [
    [join(data, 'customers.csv'), '--kind', 'customers'],
    [join(data, 'events.csv')],
    [join(data, 'feedback.csv'), '--kind', 'feedback'],
    [join(FIXTURES, 'report', 'feedback.csv'), '--kind', 'feedback'],
  ]) {
    const r = await cli(['import', ...args, ...flags, '-w', workspace]);
    if (r.code !== 0) throw new Error(r.stderr);
    printed.push(r.stdout);
  }
  return printed;
}

describe('on a hand-made fixture', () => {
  let workspace: string;
  let imported: string[];
  beforeAll(async () => {
    workspace = join(dir, 'fixture');
    imported = await importFixture(workspace);
  }, 60_000);

  it('forms the journeys at import; analysing them answers as forming them again', async () => {
    // Customers and events change the journeys; feedback does not.
    expect(imported.map((out) => out.includes('journey index: journeys formed'))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    const plain = join(dir, 'fixture-no-index');
    const printed = await importFixture(plain, ['--no-index']);
    expect(printed.join('')).not.toContain('journey index');
    const fromIndex = await cli(['analyze', '-w', workspace, '--format', 'json']);
    const formed = await cli(['analyze', '-w', plain, '--format', 'json']);
    expect(fromIndex.code, fromIndex.stderr).toBe(0);
    expect(formed.code, formed.stderr).toBe(0);
    expect(JSON.parse(fromIndex.stdout)).toEqual(JSON.parse(formed.stdout));
  }, 60_000);

  it('writes the Markdown report of the golden file', async () => {
    const r = await cli(['analyze', '-w', workspace, '--format', 'md']);
    expect(r.code, r.stderr).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(join(FIXTURES, 'report', 'friction.md'));
  });

  it('escapes names in the HTML page and keeps it self-contained', async () => {
    const file = join(workspace, 'report.html');
    const r = await cli(['analyze', '-w', workspace, '--format', 'html', '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    const page = readFileSync(file, 'utf8');
    expect(page).not.toContain('<b>desk');
    // In the friction table, the moments proposed and the opportunities.
    expect(
      page.split('Billing &lt;b&gt;desk&lt;/b&gt; &amp; &quot;help&quot;').length - 1,
    ).toBeGreaterThanOrEqual(3);
    expect(page).toContain('$58.79');
    expect(page).toContain('<section id="unmapped">');
    expect(page).not.toMatch(/<script|<link|\ssrc=|url\(|@import|https?:/i);
  });

  it('escapes what customers wrote in the HTML page, and marks the phrase of its theme', async () => {
    const file = join(workspace, 'report.html');
    const r = await cli(['analyze', '-w', workspace, '--format', 'html', '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    const page = readFileSync(file, 'utf8');
    // test/fixtures/report/feedback.csv: The delivery driver wrote <script>alert("hi")</script> & 'left' ...
    expect(page).toContain(
      '<td class="quote"><q>The <mark>delivery driver</mark> wrote &lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; &#39;left&#39; the parcel outside.</q></td>',
    );
    expect(page).not.toContain('alert("hi")');
    // The touchpoint's name in the theme's places and in the satisfaction and sentiment tables.
    const voc = page.slice(page.indexOf('<section id="voice-of-the-customer">'));
    expect(voc.slice(0, voc.indexOf('</section>'))).toContain(
      'Billing &lt;b&gt;desk&lt;/b&gt; &amp; &quot;help&quot; 1',
    );
    // Emotion curves of the two ideal journeys with answers at their steps.
    expect(page.match(/<svg class="chart emotion"/g)).toHaveLength(2);
  });

  it('shows "n < 30" instead of every figure on fewer answers than feedback.minResponses', async () => {
    // The same store, read with the default minimum of 30 answers.
    const strict = join(dir, 'fixture-strict');
    await cp(workspace, strict, { recursive: true });
    const yaml = readFileSync(join(strict, 'journeylens.yaml'), 'utf8');
    expect(yaml).toContain('  minResponses: 1\n');
    await writeFile(join(strict, 'journeylens.yaml'), yaml.replace('  minResponses: 1\n', ''));
    const r = await cli(['analyze', '-w', strict, '--format', 'md']);
    expect(r.code, r.stderr).toBe(0);
    const md = r.stdout;
    expect(md).toContain(
      '- **Voice of the customer**: 13 survey responses: CSAT n \\< 30; NPS n \\< 30; CES n \\< 30; ease n \\< 30; effort5 n \\< 30\n',
    );
    expect(md).toContain('| CSAT | satisfied (4–5) | n \\< 30 | – | – | 6 | 6 |');
    // Per touchpoint: the n, never a figure.
    expect(md).toContain('| Call | n \\< 30 | 1 | – | – | – | – | – | – | – | – |');
    // Nothing to compare: no gap, no emotion measured, no moment scored.
    expect(md).toContain('No comparison has at least 30 answers on both sides');
    expect(md).toContain('| Payment | 0 | n \\< 30 | 1 | – | – |');
    expect(md).toContain('| Payment | touchpoint | 3 | 2 | 33.3% | 66.7% | CSAT n \\< 30 |');
    // Not one share, NPS or mean in the figures of the section.
    const voc = md.slice(md.indexOf('## Voice of the customer'), md.indexOf('### Gaps'));
    expect(voc).toContain('n \\< 30');
    expect(voc).not.toMatch(/\d\.\d%|\d\.\d\d|[+−]\d/);
    expect(md).toContain('| Payment | 1 | n \\< 30 | – | – |');
  });
});

describe('errors and help', () => {
  it('says where to start when the folder has no workspace', async () => {
    const r = await cli(['analyze', '-w', join(dir, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no workspace here; create one with `journeylens init /);
  });

  it('says to import data when the store is empty', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await copyFile(join(FIXTURES, 'report', 'journeylens.yaml'), join(empty, 'journeylens.yaml'));
    const r = await cli(['analyze', '-w', empty]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('the workspace store has no events to analyze');
    expect(r.stderr).toContain(`journeylens import events.csv -w ${empty}`);
  });

  it('refuses an --out in a folder that does not exist, before analysing', async () => {
    const ws = join(dir, 'bad-out');
    await mkdir(ws);
    await copyFile(join(FIXTURES, 'report', 'journeylens.yaml'), join(ws, 'journeylens.yaml'));
    const r = await cli(['analyze', '-w', ws, '-o', join(dir, 'no', 'r.md')]);
    expect(r.code).toBe(2);
    // Refused before the store was opened (opening it creates its folder).
    expect(existsSync(join(ws, '.journeylens'))).toBe(false);
    expect(r.stderr).toContain(`the folder ${join(dir, 'no')} does not exist`);
  });

  it('explains the formats and gives examples', async () => {
    const r = await cli(['analyze', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--format <format>');
    expect(r.stdout).toMatch(/one self-contained\s+page/);
    expect(r.stdout).toContain('journeylens analyze -w acme --format html --out report.html');
  });
});
