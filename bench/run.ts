/**
 * `npm run bench`: the performance targets of docs/performance.md, measured end to end as
 * separate processes on this machine. PM4Py cannot be installed here (no PyPI), so its
 * figures are the reference timings recorded in shared/data/oracle on a 2-core machine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUT, synthetic10m, xesX4 } from './inputs.js';
import { measure, measureMedian, type TMeasurement } from './measure.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'journeylens.js');
const SHARED = join(ROOT, '..', 'shared', 'data');
const RUNS = Number(process.argv[2] ?? 3);
/** `analysis` runs only the analysis scenario (it still imports its input first). */
const ONLY = process.argv[3] ?? 'all';

type TResult = {
  scenario: string;
  seconds: number;
  peakMb: number | undefined;
  target: string;
  reference: string;
  met: boolean;
};

if (!existsSync(join(SHARED, 'logs')))
  throw new Error(`benchmarks need the shared data at ${SHARED}`);
const oracle = JSON.parse(readFileSync(join(SHARED, 'oracle', 'bpic2012_x4.json'), 'utf8')) as {
  reference_timings_seconds_2core: { total: number; read: number };
};
const pm4pyCsv = oracle.reference_timings_seconds_2core.total;
const csv = join(SHARED, 'logs', 'bpic2012_x4.csv.gz');
const results: TResult[] = [];
const record = (
  scenario: string,
  m: TMeasurement,
  limit: number,
  target: string,
  reference: string,
  memoryLimitMb?: number,
): void => {
  const met =
    m.seconds <= limit && (memoryLimitMb === undefined || (m.peakMb ?? Infinity) <= memoryLimitMb);
  results.push({ scenario, seconds: m.seconds, peakMb: m.peakMb, target, reference, met });
  process.stderr.write(
    `${scenario}: ${m.seconds.toFixed(2)} s, peak ${m.peakMb?.toFixed(0) ?? '?'} MB (${met ? 'met' : 'NOT met'})\n`,
  );
};

// 1. One-shot discovery of the 1M-event CSV, process start to JSON out.
if (ONLY === 'all') {
  record(
    'discover bpic2012_x4.csv.gz (1M events) → JSON',
    await measureMedian(RUNS, 'node', [CLI, 'discover', csv, '--format', 'json']),
    pm4pyCsv / 10,
    `≤ ${(pm4pyCsv / 10).toFixed(2)} s (10× PM4Py)`,
    `PM4Py ${pm4pyCsv.toFixed(1)} s`,
  );
  record(
    'bare DuckDB pass on the same CSV (read + DFG only)',
    await measureMedian(RUNS, 'node', [join(ROOT, 'dist', 'bench', 'bare-engine.js'), csv]),
    Infinity,
    'floor (no target)',
    '—',
  );
}

/** Median of fresh imports, each into a new workspace; returns it and the last workspace. */
async function importIntoFresh(file: string): Promise<{ median: TMeasurement; workspace: string }> {
  const runs: TMeasurement[] = [];
  let workspace = '';
  for (let i = 0; i < RUNS; i++) {
    if (workspace) await rm(workspace, { recursive: true, force: true });
    workspace = await mkdtemp(join(tmpdir(), 'jl-bench-'));
    runs.push(await measure('node', [CLI, 'import', file, '-w', workspace]));
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  return { median: runs[Math.floor(runs.length / 2)] as TMeasurement, workspace };
}

// 2. The same log as XES.gz imported into a workspace store.
if (ONLY === 'all') {
  const xes = await importIntoFresh(await xesX4(join(SHARED, 'logs')));
  await rm(xes.workspace, { recursive: true, force: true });
  record(
    'import bpic2012_x4.xes.gz (1M events) into a workspace',
    xes.median,
    3,
    '≤ 3 s',
    'PM4Py 27 s (XES read)',
  );
}

// 3. The 10M-event synthetic CX log: Parquet import, discovery, then the full analysis.
const synthetic = await synthetic10m();
const parquet = await importIntoFresh(synthetic.events);
record('import cx_10m_events.parquet (10M events)', parquet.median, 2, '≤ 2 s', '—', 3072);
const lastWorkspace = parquet.workspace;
if (ONLY === 'all') {
  const bareRuns: TMeasurement[] = [];
  for (let i = 0; i < RUNS; i++) {
    const scratch = await mkdtemp(join(tmpdir(), 'jl-bare-'));
    bareRuns.push(
      await measure('node', [
        join(ROOT, 'dist', 'bench', 'bare-parquet.js'),
        synthetic.events,
        join(scratch, 'bare.duckdb'),
      ]),
    );
    await rm(scratch, { recursive: true, force: true });
  }
  bareRuns.sort((a, b) => a.seconds - b.seconds);
  record(
    'bare DuckDB copy of the same Parquet into a store file',
    bareRuns[Math.floor(RUNS / 2)] as TMeasurement,
    Infinity,
    'floor (no target)',
    '—',
  );
  const phase = await medianInner('discovery-phases.js', lastWorkspace);
  record(
    'DFG + variants + durations on 10M events (in process)',
    phase.m,
    3,
    '≤ 3 s, peak ≤ 3 GB',
    '—',
    3072,
  );
}

// The full analysis: the workspace file and the customers join the imported events; the
// customers' import forms the journey index, as every import of events or customers does.
await copyFile(
  join(ROOT, 'bench', 'synthetic-workspace.yaml'),
  join(lastWorkspace, 'journeylens.yaml'),
);
await measure('node', [
  CLI,
  'import',
  synthetic.customers,
  '--kind',
  'customers',
  '-w',
  lastWorkspace,
]);
const formed = await medianInner('analysis-phases.js', lastWorkspace, ['session']);
record(
  'the same analysis forming the journeys itself (no journey index; in process)',
  formed.m,
  Infinity,
  'before the index (no target)',
  '—',
  3072,
);
record(
  'forming the journey index of 10M events (the last step of an import; in process)',
  (await medianInner('journey-index.js', lastWorkspace)).m,
  Infinity,
  'once per import (no target)',
  '—',
  3072,
);
record(
  'journeylens analyze on 10M events (process start to JSON report, journey index current)',
  await measureMedian(RUNS, 'node', [
    CLI,
    'analyze',
    '-w',
    lastWorkspace,
    '--format',
    'json',
    '--out',
    '/dev/null',
  ]),
  5,
  '≤ 5 s, peak ≤ 3 GB',
  '—',
  3072,
);
const floor = await medianInner('bare-journeys.js', lastWorkspace);
record(
  'bare DuckDB pass on the same store (journey order + one row per journey, in process)',
  floor.m,
  Infinity,
  'floor (no target)',
  '—',
);
const analysis = await medianInner('analysis-phases.js', lastWorkspace);
process.stderr.write(`analysis phases (median run): ${JSON.stringify(analysis.json.phases)}\n`);
process.stderr.write(
  `analysis phases without the index (median run): ${JSON.stringify(formed.json.phases)}\n`,
);
await writeFile(
  join(OUT, 'analysis-phases.json'),
  JSON.stringify({ index: analysis.json, session: formed.json }, null, 1) + '\n',
);
record(
  'updating the journey index after importing 100,000 more events (in process)',
  (await medianInner('journey-index-update.js', lastWorkspace)).m,
  Infinity,
  'per import (no target)',
  '—',
  3072,
);
await rm(lastWorkspace, { recursive: true, force: true });

/** The median over RUNS processes of the `seconds` a bench script measures inside itself. */
async function medianInner(
  script: string,
  workspace: string,
  args: string[] = [],
): Promise<{ m: TMeasurement; json: { seconds: number; phases?: unknown } }> {
  const runs: { m: TMeasurement; json: { seconds: number } }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const m = await measure('node', [join(ROOT, 'dist', 'bench', script), workspace, ...args]);
    const json = JSON.parse(m.stdout) as { seconds: number };
    runs.push({ m: { ...m, seconds: json.seconds }, json });
  }
  runs.sort((a, b) => a.m.seconds - b.m.seconds);
  const median = runs[Math.floor(runs.length / 2)];
  if (median === undefined) throw new Error('no runs');
  return median;
}

const table = [
  '| scenario | measured | peak memory | target | reference | met |',
  '|---|---:|---:|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.scenario} | ${r.seconds.toFixed(2)} s | ${r.peakMb === undefined ? '?' : `${r.peakMb.toFixed(0)} MB`} | ${r.target} | ${r.reference} | ${r.met ? 'yes' : 'no'} |`,
  ),
].join('\n');
await writeFile(join(OUT, 'results.md'), table + '\n');
await writeFile(join(OUT, 'results.json'), JSON.stringify(results, null, 1) + '\n');
process.stdout.write(table + '\n');
