/**
 * Benchmark inputs, made on demand into bench/out/ (git-ignored):
 * - bpic2012_x4.xes.gz: BPIC 2012 repeated four times with renamed cases (1,048,800 events),
 *   the XES twin of shared/data/logs/bpic2012_x4.csv.gz;
 * - cx_10m_events.parquet and cx_10m_customers.parquet: the 10M-event synthetic CX log of
 *   bench/synthetic.ts (1M customers; deterministic, no randomness).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from '../src/query/sql.js';
import { openDuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import {
  EVENTS_PER_CUSTOMER,
  SYNTHETIC_CUSTOMERS,
  syntheticCustomers,
  syntheticEvents,
} from './synthetic.js';

export const OUT = join(import.meta.dirname, '..', '..', 'bench', 'out');

export async function xesX4(sharedLogs: string): Promise<string> {
  const target = join(OUT, 'bpic2012_x4.xes.gz');
  if (existsSync(target)) return target;
  await mkdir(OUT, { recursive: true });
  const xml = gunzipSync(await readFile(join(sharedLogs, 'bpic2012.xes.gz'))).toString('utf8');
  const first = xml.indexOf('<trace>');
  const last = xml.lastIndexOf('</trace>') + '</trace>'.length;
  const traces = xml.slice(first, last);
  const parts = [xml.slice(0, first)];
  for (let r = 0; r < 4; r++) {
    // The first concept:name inside each trace is the case id: make it unique per repetition.
    parts.push(
      traces.replace(/(<trace>\s*<string key="concept:name" value=")([^"]*)(")/g, `$1$2#r${r}$3`),
    );
    parts.push('\n');
  }
  parts.push(xml.slice(last));
  await writeFile(target, gzipSync(Buffer.from(parts.join(''), 'utf8'), { level: 6 }));
  return target;
}

export const SYNTHETIC_EVENTS = SYNTHETIC_CUSTOMERS * EVENTS_PER_CUSTOMER;

/** bench/synthetic.ts as Parquet: the events and the customers of the 10M-event CX log. */
export async function synthetic10m(): Promise<{ events: string; customers: string }> {
  const events = join(OUT, 'cx_10m_events.parquet');
  const customers = join(OUT, 'cx_10m_customers.parquet');
  if (existsSync(events) && existsSync(customers)) return { events, customers };
  await mkdir(OUT, { recursive: true });
  const store = await openDuckDbStore({ path: ':memory:' });
  try {
    await store.exec(
      sql`COPY (${syntheticEvents()}) TO ${events} (FORMAT parquet, ROW_GROUP_SIZE 122880)`,
    );
    await store.exec(sql`COPY (${syntheticCustomers()}) TO ${customers} (FORMAT parquet)`);
  } finally {
    await store.close();
  }
  return { events, customers };
}
