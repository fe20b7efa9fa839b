/**
 * The real CLI on throwaway folders: one-shot discovery equals the oracle key for key, the
 * workspace commands, clear errors with exit codes, and idempotent re-import.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cli } from './cli.js';
import { describeWithSharedData } from './shared-data.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'import');
const ORACLE_KEYS = [
  'cases',
  'events',
  'activities',
  'activity_counts',
  'dfg',
  'start_activities',
  'end_activities',
  'variants_total',
  'top_variants',
  'case_duration_seconds',
];

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'jl-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeWithSharedData('journeylens discover <file>', (data) => {
  it('prints exactly the oracle keys and values for the running example', async () => {
    const r = await cli([
      'discover',
      join(data, 'logs', 'running-example.xes'),
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const ours = JSON.parse(r.stdout) as Record<string, unknown>;
    const oracle = JSON.parse(
      readFileSync(join(data, 'oracle', 'running-example.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(Object.keys(ours)).toEqual(ORACLE_KEYS);
    for (const key of [
      'cases',
      'events',
      'activities',
      'activity_counts',
      'start_activities',
      'end_activities',
      'variants_total',
    ]) {
      expect(ours[key], key).toEqual(oracle[key]);
    }
    // Durations: this log has no DST crossing in a case, so they are exact.
    expect(ours.case_duration_seconds).toEqual(oracle.case_duration_seconds);
  });

  it("reads the BPIC 2016 complaints with the issue's options", async () => {
    const r = await cli([
      'discover',
      join(data, 'logs', 'bpic2016_complaints.csv'),
      '--case',
      'CustomerID',
      '--activity',
      'ComplaintTopic_EN',
      '--timestamp',
      'ContactDate',
      '--sep',
      ';',
      '--encoding',
      'latin-1',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const ours = JSON.parse(r.stdout) as { cases: number; events: number; variants_total: number };
    // Counts from shared/data/oracle/bpic2016_complaints.json.
    expect([ours.cases, ours.events, ours.variants_total]).toEqual([226, 289, 99]);
  });

  it('prints a readable Markdown summary', async () => {
    const r = await cli(['discover', join(data, 'logs', 'running-example.xes')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Journeys in running-example.xes');
    expect(r.stdout).toContain('6 journeys (cases), 42 events, 8 activities, 6 variants.');
    expect(r.stdout).toContain('| register request | examine casually | 3 |');
  });
});

describe('journeylens workspace commands', () => {
  it('init writes a starter workspace that validates, and refuses to overwrite it', async () => {
    const ws = join(dir, 'starter');
    const init = await cli(['init', ws, '--name', 'Acme']);
    expect(init.code).toBe(0);
    const validate = await cli(['validate', '-w', ws]);
    expect(validate.stdout).toMatch(/journeylens\.yaml is valid: 8 stages/);
    const again = await cli(['init', ws]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; use --force/);
  });

  it('serve says the port is taken, with exit code 2, instead of a stack trace', async () => {
    const ws = join(dir, 'serve-busy');
    expect((await cli(['init', ws])).code).toBe(0);
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const r = await cli(['serve', '-w', ws, '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `journeylens: port ${port} is already in use: stop what uses it, or choose another port (--port, or 0 for any free one)\n`,
      );
    } finally {
      taken.close();
    }
  });

  it('validate names the YAML path, line and reason of every error', async () => {
    const ws = join(dir, 'broken');
    await cli(['init', ws]);
    const file = join(ws, 'journeylens.yaml');
    const text = readFileSync(file, 'utf8');
    const owner = /owner: ([a-z-]+)/.exec(text)?.[1] ?? '';
    await writeFile(file, text.replace(`owner: ${owner}`, 'owner: "Fulfilment "'));
    const r = await cli(['validate', '-w', ws]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /journeylens\.yaml:\d+:\d+ touchpoints\[0\]\.owner: unknown team "Fulfilment "/,
    );
  });

  it('imports into a workspace, quarantines bad records and adds nothing on re-import', async () => {
    const ws = join(dir, 'imports');
    const file = join(FIXTURES, 'malformed.csv');
    const first = await cli(['import', file, '-w', ws]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('4 of 7 events records imported, 3 quarantined (import #1)');
    expect(first.stdout).toContain(
      'record 4, timestamp: cannot read "not a time" as a timestamp (ISO 8601)',
    );
    expect(existsSync(join(ws, '.journeylens', 'store.duckdb'))).toBe(true);
    const second = await cli(['import', file, '-w', ws]);
    expect(second.stdout).toContain('already imported as import #1; nothing added');
    const strict = await cli([
      'import',
      join(FIXTURES, 'ties.csv'),
      join(FIXTURES, 'malformed.csv'),
      '-w',
      join(dir, 'strict'),
      '--strict',
    ]);
    expect(strict.code).toBe(3);
    const summary = await cli(['discover', '-w', ws, '--format', 'json']);
    expect((JSON.parse(summary.stdout) as { events: number }).events).toBe(4);
  });

  it('fails clearly on a missing column, file or option value', async () => {
    const missing = await cli(['discover', join(FIXTURES, 'ties.csv'), '--activity', 'Nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /--activity: no column "Nope" in the file; its columns are "case_id", "activity", "timestamp"/,
    );
    const nofile = await cli(['discover', join(dir, 'absent.csv')]);
    expect(nofile.code).toBe(2);
    expect(nofile.stderr).toMatch(/absent\.csv: no such file/);
    const zone = await cli(['discover', join(FIXTURES, 'ties.csv'), '--timezone', 'Mars/Olympus']);
    expect(zone.stderr).toMatch(/unknown time zone "Mars\/Olympus"/);
    const segment = await cli(['discover', '-w', join(dir, 'nowhere'), '--segment', 'vip']);
    expect(segment.code).toBe(2);
    expect(segment.stderr).toMatch(/no workspace here; create one with `journeylens init/);
  });
});

describe('journeylens quarantine', () => {
  it('lists what an import set aside, as text or CSV', async () => {
    const ws = join(dir, 'quarantine');
    await cli(['import', join(FIXTURES, 'malformed.csv'), '-w', ws]);
    const text = await cli(['quarantine', '-w', ws]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('record 5, activity: missing value');
    const csv = await cli(['quarantine', '-w', ws, '--import', '1', '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('import,source,record,field,reason,raw');
    expect(csv.stdout).toContain(
      ',4,timestamp,"cannot read ""not a time"" as a timestamp (ISO 8601)",',
    );
  });
});
