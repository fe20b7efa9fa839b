/**
 * The report over HTTP on the friction fixture: the HTML and Markdown are the documents
 * `journeylens analyze` writes from the same analysis; the PDF is that HTML printed by
 * Chromium (skipped with a message on a machine without it, failed in CI); without a
 * Chromium the PDF is refused with a message that says what to do.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnalysis } from '../../cli/report/render.js';
import { readConfig } from '../../config.js';
import { importFile } from '../../ingest/import.js';
import { analyze, type TAnalysis } from '../../service/analyze.js';
import { loadWorkspaceDir } from '../../service/workspace-files.js';
import { openStore } from '../../service/workspace-store.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import { testApp, type TTestApp } from '../test-kit.js';
import { analysisRoutes } from './analysis-routes.js';
import { reportRoutes } from './report-routes.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'friction');
const CHROMIUM = readConfig().chromiumPath;
const canPrint = existsSync(CHROMIUM);
if (!canPrint && !readConfig().ci) {
  process.stderr.write(`PDF report test skipped: no Chromium at ${CHROMIUM}\n`);
}

let dirs: string[] = [];
let t: TTestApp;
let expected: TAnalysis;
let workspace: TWorkspace;

/** A workspace folder with the fixture imported. */
async function fixtureWorkspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'jl-report-'));
  dirs.push(dir);
  await copyFile(join(FIXTURES, 'journeylens.yaml'), join(dir, 'journeylens.yaml'));
  const store = await openStore(dir);
  for (const kind of ['customers', 'events', 'feedback'] as const) {
    await importFile(store, { path: join(FIXTURES, `${kind}.csv`), kind });
  }
  workspace = await loadWorkspaceDir(dir);
  expected = await analyze(store, workspace);
  await store.close();
  return dir;
}

beforeAll(async () => {
  t = await testApp([analysisRoutes, reportRoutes], { workspaceDir: await fixtureWorkspace() });
});
afterAll(async () => {
  await t.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  dirs = [];
});

// Only the generated-at line differs between two renderings of one analysis.
const undated = (s: string) =>
  s.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T').replace(/\d{1,2} \w+ \d{4}/g, 'D');

describe('GET /api/report', () => {
  it('answers the HTML report of analyze, inline, with the model version', async () => {
    const res = await t.call('viewer', '/api/report');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-model-version')).toBe('1');
    expect(res.headers.get('content-disposition')).toMatch(
      /^inline; filename="journeylens-[\w.-]+-\d{4}-\d\d-\d\d\.html"$/,
    );
    const html = await res.text();
    expect(undated(html)).toBe(undated(renderAnalysis(expected, 'html', workspace)));
  });

  it('answers the Markdown as a download for a read token', async () => {
    const res = await t.call('read', '/api/report?format=md&download=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.md"$/);
    expect(undated(await res.text())).toBe(undated(renderAnalysis(expected, 'md', workspace)));
  });

  it('refuses an unknown format', async () => {
    expect((await t.call('viewer', '/api/report?format=docx')).status).toBe(400);
  });

  it.runIf(canPrint || readConfig().ci)(
    'prints the PDF with Chromium',
    async () => {
      const res = await t.call('viewer', '/api/report?format=pdf');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // A4 pages (595 × 842 points), more than one: the whole report, not a blank page.
      const text = pdf.toString('latin1');
      const boxes = [...text.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
      expect(boxes.length).toBeGreaterThan(1);
      for (const [, w, h] of boxes) {
        expect(Number(w)).toBeCloseTo(595, 0);
        expect(Number(h)).toBeCloseTo(842, 0);
      }
      expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(1);
    },
    60_000,
  );
});

describe('without a Chromium', () => {
  let bare: TTestApp;
  beforeAll(async () => {
    const dir = await fixtureWorkspace();
    bare = await testApp([analysisRoutes, reportRoutes], {
      workspaceDir: dir,
      config: { chromiumPath: join(dir, 'no-chromium-here') },
    });
  });
  afterAll(() => bare.close());

  it('refuses the PDF with what to do, and still answers the HTML', async () => {
    const res = await bare.call('viewer', '/api/report?format=pdf');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('pdf_unavailable');
    expect(body.error.message).toContain('apt-get install -y chromium');
    expect((await bare.call('viewer', '/api/report')).status).toBe(200);
  });
});
