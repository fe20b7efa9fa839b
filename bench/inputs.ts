/**
 * Benchmark inputs, made on demand into bench/out/ (git-ignored):
 * - bpic2012_x4.xes.gz: BPIC 2012 repeated four times with renamed cases (1,048,800 events),
 *   the XES twin of shared/data/logs/bpic2012_x4.csv.gz;
 * - synthetic_10m.parquet: 10M events of 1M customers, generated in the engine with a fixed
 *   hash-based pattern (deterministic, no randomness).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from '../src/query/sql.js';
import { openDuckDbStore } from '../src/store/duckdb/duckdb-store.js';

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

export const SYNTHETIC_EVENTS = 10_000_000;

export async function synthetic10m(): Promise<string> {
  const target = join(OUT, 'synthetic_10m.parquet');
  if (existsSync(target)) return target;
  await mkdir(OUT, { recursive: true });
  const store = await openDuckDbStore({ path: ':memory:' });
  try {
    // 1M customers × 10 events; 40 activities in 10 positions with 4 alternatives each, so the
    // variant count is realistic (many, with a long tail); timestamps strictly increase per case.
    await store.exec(sql`COPY (
      SELECT 'C' || lpad(CAST(i // 10 AS VARCHAR), 7, '0') AS customer_id,
        'step ' || CAST((i % 10) AS VARCHAR) || ' ' ||
          CAST(CASE WHEN hash(i // 10, i % 10) % 8 < 5 THEN 0 ELSE hash(i) % 4 END AS VARCHAR) AS activity,
        TIMESTAMPTZ '2025-01-01 00:00:00+00'
          + to_seconds(CAST((i // 10) % 31536000 AS BIGINT))
          + to_seconds(CAST((i % 10) * 7200 + hash(i, 1) % 3600 AS BIGINT)) AS timestamp,
        ['web', 'app', 'email', 'phone', 'chat', 'store'][1 + CAST(hash(i, 2) % 6 AS INTEGER)] AS channel
      FROM range(${SYNTHETIC_EVENTS}) t(i)
    ) TO ${target} (FORMAT parquet, ROW_GROUP_SIZE 122880)`);
  } finally {
    await store.close();
  }
  return target;
}
