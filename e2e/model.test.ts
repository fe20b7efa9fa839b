/**
 * The model and the data in a real browser: the workspace editor and journeylens.yaml on disk
 * are one artefact (a change saved in the browser is in the file, comments kept; a change made
 * in the file is in the editor), the server's errors sit beside the field, a save on a stale
 * version is refused with a message; and a CSV with bad rows goes through the import wizard,
 * whose counts and error report are checked against what the file holds.
 */
/// <reference lib="dom" />
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { addUser, demoAndBrowser, describeBrowser, screenshot, signedInPage } from './harness.js';
import { ImportPage } from './pages/import-page.js';
import { WorkspacePage } from './pages/workspace-page.js';

type TModel = {
  version: number;
  workspace: {
    touchpoints: { id: string; name: string }[];
    idealJourneys: { id: string; steps: { touchpoint: string }[] }[];
  };
};
type TFile = {
  touchpoints: { id: string; name: string }[];
  idealJourneys: { id: string; steps: { touchpoint: string }[] }[];
};

describeBrowser('the model and the data in Chromium', () => {
  const demo = demoAndBrowser(1000);

  const yamlPath = () => join(demo.server.dir, 'journeylens.yaml');
  const readYaml = () => readFile(yamlPath(), 'utf8');
  const comments = (text: string) => text.split('\n').filter((l) => /^\s*#/.test(l));

  it('edits the model in the browser and in the file, which stay one', async () => {
    const { page, context, errors } = await signedInPage(demo);
    const ws = new WorkspacePage(page);
    await ws.open();
    const before = await ws.api<TModel>('/api/workspace');
    const originalText = await readYaml();
    const tp = before.workspace.touchpoints[0];
    const journey = before.workspace.idealJourneys[0];
    const other = before.workspace.idealJourneys[1];
    if (tp === undefined || journey === undefined || other === undefined)
      throw new Error('the demo has no touchpoints or journeys');

    // Rename a touchpoint.
    await ws.section('Touchpoints');
    const name = ws.touchpoint(tp.id).getByLabel('Name', { exact: true });
    expect(await name.inputValue()).toBe(tp.name);
    await name.fill('Renamed in the browser');
    expect(await ws.checked()).toContain('touchpoints: changed');
    expect(await ws.save()).toMatch(new RegExp(`^Saved version ${before.version + 1}:`));
    let text = await readYaml();
    let file = parse(text) as TFile;
    expect(file.touchpoints[0]).toMatchObject({ id: tp.id, name: 'Renamed in the browser' });
    // Only that line changed; every comment of the file is still there.
    expect(text.split('\n').length).toBe(originalText.split('\n').length);
    expect(comments(text)).toEqual(comments(originalText));

    // Add a step to an ideal journey, then move it up with the keyboard.
    await ws.section('Ideal journeys');
    const stepsBefore = await ws.steps(journey.id);
    expect(stepsBefore).toEqual(journey.steps.map((s) => s.touchpoint));
    const added = tp.id;
    const n = await ws.addStep(journey.id, added);
    expect(n).toBe(stepsBefore.length + 1);
    const up = ws.journey(journey.id).getByRole('button', { name: `Move step ${n} up` });
    await up.focus();
    await page.keyboard.press('Enter');
    // The focus follows the step to its new place, so Enter again would move it further.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Move step ${n - 1} up`,
    );
    const expected = [...stepsBefore.slice(0, -1), added, ...stepsBefore.slice(-1)];
    expect(await ws.steps(journey.id)).toEqual(expected);
    expect(await ws.save()).toMatch(/^Saved version \d+: idealJourneys: changed/);
    file = parse(await readYaml()) as TFile;
    const saved = file.idealJourneys.find((j) => j.id === journey.id);
    expect(saved?.steps.map((s) => s.touchpoint)).toEqual(expected);
    // Another journey (in the demo file it may share the steps through a YAML anchor) is as it was.
    expect(file.idealJourneys.find((j) => j.id === other.id)?.steps).toHaveLength(
      other.steps.length,
    );

    // An error from the server beside its field; nothing can be saved while it is there.
    await ws.section('Touchpoints');
    const field = ws.touchpoint(tp.id).getByLabel('Name', { exact: true });
    await field.fill('');
    expect(await ws.checked()).toMatch(/^1 error/);
    expect(await ws.fieldError(field)).toBe('must not be empty, got ""');
    await screenshot(page, 'workspace-error');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Discard changes' }).click();

    // A change made in the file shows in the editor.
    text = await readYaml();
    await writeFile(yamlPath(), text.replace('Renamed in the browser', 'Edited on disk'));
    await ws.reload();
    await expect
      .poll(() => ws.touchpoint(tp.id).getByLabel('Name', { exact: true }).inputValue())
      .toBe('Edited on disk');
    await ws.section('History');
    const history = await ws.api<{ items: { savedBy: string; summary: string }[] }>(
      '/api/workspace/versions',
    );
    expect(history.items[0]?.savedBy).toBe('file');
    await page
      .getByRole('cell', { name: /changed outside the server/ })
      .first()
      .waitFor();

    // A save based on a version someone else has replaced meanwhile is refused, with a message.
    await ws.section('Touchpoints');
    await ws.touchpoint(tp.id).getByLabel('Name', { exact: true }).fill('Mine');
    await ws.checked();
    await writeFile(yamlPath(), (await readYaml()).replace('Edited on disk', 'Theirs'));
    expect(await ws.save()).toContain('someone else saved version');
    expect((parse(await readYaml()) as TFile).touchpoints[0]?.name).toBe('Theirs');
    await page.getByRole('button', { name: /^Reload version/ }).click();
    await ws.settled();
    await expect
      .poll(() => ws.touchpoint(tp.id).getByLabel('Name', { exact: true }).inputValue())
      .toBe('Theirs');

    // The YAML view is the file on disk, byte for byte.
    await ws.section('YAML');
    const fileView = page.getByRole('textbox', { name: 'journeylens.yaml' });
    await expect.poll(() => fileView.inputValue()).toBe(await readYaml());

    await ws.section('Ideal journeys');
    await screenshot(page, 'workspace');
    // The browser logs the refused save (409) as an error; it was the point of the step.
    expect(errors.filter((e) => !e.includes('409 (Conflict)'))).toEqual([]);
    await context.close();
  });

  it('imports a CSV with bad rows through the wizard, reporting each against the file', async () => {
    // The file's truth: which rows are bad, in which field; one repeats an event id.
    const rows: { line: string; bad?: string; duplicate?: true }[] = [
      { line: 'e2e-1,web-c1,Product viewed,2025-06-01T09:00:00Z,web,ok' },
      { line: 'e2e-2,web-c1,Checkout completed,2025-06-01T09:05:00Z,web,ok' },
      { line: 'e2e-3,web-c2,Product viewed,yesterday,web,ok', bad: 'timestamp' },
      { line: 'e2e-4,web-c2,,2025-06-02T10:00:00Z,app,ok', bad: 'activity' },
      { line: 'e2e-5,web-c3,Checkout completed,2025-06-03T11:00:00Z,web,maybe', bad: 'outcome' },
      { line: 'e2e-6,web-c3,Product viewed,2025-06-03T10:00:00Z,app,failed' },
      { line: 'e2e-1,web-c1,Product viewed,2025-06-01T09:00:00Z,web,ok', duplicate: true },
      { line: 'e2e-7,web-c4,Product viewed,2025-06-04T12:00:00Z,web,abandoned' },
    ];
    const csv = ['Event ID,Customer ID,Event,When,Medium,outcome', ...rows.map((r) => r.line)].join(
      '\n',
    );
    const bad = rows.flatMap((r, i) => (r.bad === undefined ? [] : [[String(i + 1), r.bad]]));
    const duplicates = rows.filter((r) => r.duplicate).length;
    const good = rows.length - bad.length - duplicates;

    const { page, context, errors } = await signedInPage(demo);
    const wizard = new ImportPage(page);
    await wizard.open();
    await wizard.preview({ name: 'e2e-events.csv', text: csv }, 'Events');
    // Proposed from the names: "Customer ID", "Event", "Event ID" and "outcome" are aliases.
    expect(await wizard.mapping()).toMatchObject({
      customer: 'Customer ID',
      activity: 'Event',
      timestamp: '',
      channel: '',
      outcome: 'outcome',
      event_id: 'Event ID',
    });
    const importButton = page.getByRole('button', { name: /^Import [\d,]+ records$/ });
    expect(await importButton.isDisabled()).toBe(true);
    expect(await page.getByText('Choose a column for: timestamp').count()).toBe(1);
    const raw = await wizard.table('First rows of the file');
    expect(raw[0]).toEqual(['Event ID', 'Customer ID', 'Event', 'When', 'Medium', 'outcome']);
    expect(raw).toHaveLength(rows.length + 1);
    await wizard.map('timestamp', 'When');
    await wizard.map('channel', 'Medium');
    expect(await importButton.isDisabled()).toBe(false);
    await screenshot(page, 'import-mapping');
    const mapped = await wizard.table('First rows as they will be read');
    expect(mapped[0]).toEqual([
      'customer',
      'activity',
      'timestamp',
      'channel',
      'outcome',
      'event_id',
    ]);
    expect(mapped[1]).toEqual([
      'web-c1',
      'Product viewed',
      '2025-06-01T09:00:00Z',
      'web',
      'ok',
      'e2e-1',
    ]);

    await wizard.runImport();
    expect(await wizard.figure('Records read')).toBe(String(rows.length));
    expect(await wizard.figure('Imported')).toBe(String(good));
    expect(await wizard.figure('Duplicates skipped')).toBe(String(duplicates));
    expect(await wizard.figure('Quarantined')).toBe(String(bad.length));
    const report = await wizard.errors();
    expect(report.map(([record, field]) => [record, field])).toEqual(bad);
    expect(report[0]?.[2]).toContain('"yesterday"');
    const download = await wizard.errorsCsv();
    expect(download.name).toBe('e2e-events-errors.csv');
    const lines = download.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Record,Field,Reason');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2))).toEqual(bad);
    await screenshot(page, 'import');

    // The same file again adds nothing.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await wizard.preview({ name: 'e2e-events.csv', text: csv }, 'Events');
    await wizard.map('timestamp', 'When');
    await wizard.runImport();
    await page.getByText(/already imported as import #\d+: nothing was added/).waitFor();
    expect(await wizard.figure('Imported')).toBe('0');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the model read-only to a viewer, who has no import screen', async () => {
    const admin = await signedInPage(demo);
    const viewer = await addUser(admin.page, {
      email: 'viewer@journeylens.example',
      password: 'a viewer password of enough length',
      role: 'viewer',
    });
    await admin.context.close();

    const { page, context, errors } = await signedInPage(demo, { user: viewer });
    const ws = new WorkspacePage(page);
    expect(await ws.nav().getByRole('link', { name: 'Import', exact: true }).count()).toBe(0);
    await ws.open();
    await page
      .getByText('Read-only: only the CX team and administrators edit the model.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    const model = await ws.api<TModel>('/api/workspace');
    const first = model.workspace.touchpoints[0];
    if (first === undefined) throw new Error('no touchpoint');
    await ws.section('Touchpoints');
    const name = ws.touchpoint(first.id).getByLabel('Name', { exact: true });
    expect(await name.inputValue()).toBe(first.name);
    expect(await name.getAttribute('readonly')).not.toBeNull();
    expect(await ws.touchpoint(first.id).getByRole('button').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
