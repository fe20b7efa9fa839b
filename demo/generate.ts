/**
 * `journeylens demo`: generates the demo company into a folder — journeylens.yaml, data/
 * (customers, events, feedback as CSV) and ground-truth.json — customer by customer, so memory
 * stays bounded at any size. Deterministic: the same seed gives byte-identical files, and
 * customer i depends only on (seed, i), so a smaller run is a prefix of a bigger one.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PERIOD_END, PERIOD_START, isoSeconds } from './calendar.js';
import { COMPANY_NAME } from './company.js';
import { CUSTOMER_COLUMNS, makeCustomer } from './customers.js';
import { CsvWriter, csvField } from './csv-writer.js';
import { exposuresOf } from './exposures.js';
import { generateFeedback } from './feedback.js';
import { groundTruthDocument, type TGroundTruthMeta } from './ground-truth-document.js';
import { GroundTruth } from './ground-truth.js';
import { simulateCustomer } from './journeys.js';
import { Rng } from './prng.js';
import { RATES } from './rates.js';
import { workspaceYaml } from './workspace-yaml.js';

export const DEFAULT_CUSTOMERS = 50_000;
export const DEFAULT_OUT = './journeylens-demo';

export const EVENT_COLUMNS = [
  'customer_id',
  'case_id',
  'timestamp',
  'activity',
  'channel',
  'outcome',
  'duration_s',
  'wait_s',
  'cost',
  'reason',
] as const;
export const FEEDBACK_COLUMNS = [
  'customer_id',
  'case_id',
  'timestamp',
  'kind',
  'score',
  'verbatim',
  'touchpoint',
  'stage',
] as const;

export type TDemoOptions = {
  seed: number;
  /** Output folder; created if missing, files in it overwritten. */
  out: string;
  /** Number of customers; the default 50,000 gives about a million events. */
  customers?: number;
  onProgress?: (done: number, total: number) => void;
};

export type TDemoSummary = {
  seed: number;
  out: string;
  customers: number;
  events: number;
  cases: number;
  feedback: number;
  /** Relative path → size in bytes. */
  files: Record<string, number>;
  elapsedMs: number;
};

const PROGRESS_EVERY = 1000;

/**
 * Generates the demo company.
 * @example await generateDemo({ seed: 42, out: './journeylens-demo' })
 */
export async function generateDemo(opts: TDemoOptions): Promise<TDemoSummary> {
  const started = performance.now();
  const total = opts.customers ?? DEFAULT_CUSTOMERS;
  if (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) {
    throw new Error(`seed must be a whole number from 0 to 4294967295, got ${opts.seed}`);
  }
  if (!Number.isInteger(total) || total < 1) {
    throw new Error(`customers must be a whole number of at least 1, got ${total}`);
  }
  await mkdir(join(opts.out, 'data'), { recursive: true });
  await writeFile(join(opts.out, 'journeylens.yaml'), workspaceYaml());

  const customersCsv = new CsvWriter(join(opts.out, 'data/customers.csv'), CUSTOMER_COLUMNS);
  const eventsCsv = new CsvWriter(join(opts.out, 'data/events.csv'), EVENT_COLUMNS);
  const feedbackCsv = new CsvWriter(join(opts.out, 'data/feedback.csv'), FEEDBACK_COLUMNS);
  const truth = new GroundTruth();

  for (let i = 0; i < total; i++) {
    const rng = new Rng(opts.seed, i);
    const customer = makeCustomer(rng, i);
    const sim = simulateCustomer(rng, customer);
    const exposures = exposuresOf(sim);
    const feedback = generateFeedback(rng, sim, exposures);
    truth.add(sim, exposures, feedback);

    customersCsv.row(CUSTOMER_COLUMNS.map((c) => customer.attributes[c]));
    const id = customer.id;
    for (const e of sim.events) {
      eventsCsv.line(
        `${id},${e.caseId},${isoSeconds(e.t)},${csvField(e.activity)},${e.channel},${e.outcome},` +
          `${e.duration},${e.wait},${e.cost},${e.reason}`,
      );
    }
    for (const f of feedback) {
      feedbackCsv.line(
        `${id},${f.caseId},${isoSeconds(f.t)},${f.kind},${f.score},${csvField(f.verbatim)},` +
          `${f.touchpoint},${f.stage}`,
      );
    }
    await eventsCsv.maybeFlush();
    await feedbackCsv.maybeFlush();
    await customersCsv.maybeFlush();
    if ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === total) opts.onProgress?.(i + 1, total);
  }
  await Promise.all([customersCsv.close(), eventsCsv.close(), feedbackCsv.close()]);
  truth.finish();

  const meta: TGroundTruthMeta = {
    generator: 'journeylens demo',
    formatVersion: 1,
    company: COMPANY_NAME,
    seed: opts.seed,
    period: { from: isoSeconds(PERIOD_START), toExclusive: isoSeconds(PERIOD_END) },
    seededRates: RATES,
  };
  await writeFile(
    join(opts.out, 'ground-truth.json'),
    JSON.stringify(groundTruthDocument(truth, meta), null, 2) + '\n',
  );

  const names = [
    'journeylens.yaml',
    'data/customers.csv',
    'data/events.csv',
    'data/feedback.csv',
    'ground-truth.json',
  ];
  const files: Record<string, number> = {};
  for (const name of names) files[name] = (await stat(join(opts.out, name))).size;
  return {
    seed: opts.seed,
    out: opts.out,
    customers: total,
    events: eventsCsv.rows,
    cases: truth.caseCount(),
    feedback: feedbackCsv.rows,
    files,
    elapsedMs: Math.round(performance.now() - started),
  };
}
