/**
 * Load on `POST /api/ingest/events` (docs/performance.md "Batch ingest over HTTP"): a real
 * `journeylens serve` on loopback on a fresh temp workspace whose ingest token is made through
 * the CLI; autocannon sends NDJSON batches of BATCH events, every event with its own id, as
 * fast as the server answers, over CONNECTIONS connections, for SECONDS. The sustained rate
 * is the events the server acknowledged (accepted, in 200 answers) per second; the store is
 * counted afterwards to check them. Also reported: latency per batch (p50, p99), the server's
 * CPU time from /proc, and, with PREFILL > 0, the same load on a store that already holds
 * PREFILL events with ids (imported through the CLI first), where the duplicate check has
 * more to scan.
 *
 *   npm run build && node dist/bench/ingest-load.js [seconds=30] [batch=5000] [connections=4] [prefill=0]
 *
 * Writes bench/out/ingest-load.json. The client runs on the same two cores as the server.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { raw } from '../src/query/sql.js';
import { openStore } from '../src/service/workspace-store.js';
import { OUT } from './inputs.js';
import { newWorkspace, runCli, startServe } from './serve-process.js';

type TAutocannonResult = {
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  requests: { average: number; total: number; sent: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
};
type TRequest = { method: string; path: string; headers: Record<string, string>; body?: string };
type TAutocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: {
    method: string;
    path: string;
    headers: Record<string, string>;
    setupRequest: (r: TRequest) => TRequest;
    onResponse: (status: number, body: string) => void;
  }[];
}) => Promise<TAutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as TAutocannon;

const SECONDS = Number(process.argv[2] ?? 30);
const BATCH = Number(process.argv[3] ?? 5000);
const CONNECTIONS = Number(process.argv[4] ?? 4);
const PREFILL = Number(process.argv[5] ?? 0);
const MARK = '~B~';

/** One NDJSON batch with `MARK` where the batch number goes: ids are unique across batches. */
function template(): string {
  const activities = ['visit', 'search', 'cart', 'checkout', 'payment', 'call', 'chat', 'return'];
  const channels = ['web', 'app', 'phone', 'chat'];
  const lines: string[] = [];
  for (let i = 0; i < BATCH; i++) {
    lines.push(
      JSON.stringify({
        event_id: `${MARK}-${i}`,
        customer_id: `c${(i * 7919) % 100_000}`,
        case_id: `j${MARK}-${Math.floor(i / 8)}`,
        activity: activities[i % activities.length],
        timestamp: new Date(Date.UTC(2025, 5, 1) + i * 37_000).toISOString(),
        channel: channels[i % channels.length],
        outcome: i % 23 === 0 ? 'failed' : 'ok',
        duration_s: (i % 300) + 0.5,
        page: `/p/${i % 50}`,
        campaign: i % 5 === 0 ? 'spring' : null,
      }),
    );
  }
  return lines.join('\n') + '\n';
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
}

/** The process's peak resident memory, in MB. */
function peakMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

/**
 * A store already holding `n` events with random UUIDs as ids (which compress worst, so the
 * duplicate check scans the most), imported through the CLI from Parquet as import #1.
 */
async function prefill(dir: string, n: number): Promise<number> {
  const file = join(dir, 'prefill.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (
      SELECT uuid()::VARCHAR AS event_id, 'c' || (i % 1000000) AS customer_id,
        'visit' AS activity, TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(i % 31536000) AS timestamp,
        'web' AS channel
      FROM range(${n}) r(i)
    ) TO '${file}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
  const started = performance.now();
  const run = await runCli(['import', file, '-w', dir]);
  if (run.code !== 0) throw new Error(`prefill import failed: ${run.stderr}`);
  await rm(file);
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const { dir, token } = await newWorkspace('jl-ingest-load-');
  const prefillSeconds = PREFILL > 0 ? await prefill(dir, PREFILL) : 0;
  const server = await startServe(dir);
  const pid = server.child.pid ?? -1;
  const body = template();
  let batch = 0;
  let acknowledged = 0;
  let duplicates = 0;
  let refused = 0;
  const load = loadavg()[0] ?? 0;
  const serverCpu = cpuSeconds(pid);
  const clientCpu = process.cpuUsage();
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        path: '/api/ingest/events',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        setupRequest: (r) => ({ ...r, body: body.replaceAll(MARK, `b${batch++}`) }),
        onResponse: (status, text) => {
          if (status !== 200) {
            refused++;
            return;
          }
          const answer = JSON.parse(text) as { accepted: number; duplicates: number };
          acknowledged += answer.accepted;
          duplicates += answer.duplicates;
        },
      },
    ],
  });
  const serverCpuSeconds = cpuSeconds(pid) - serverCpu;
  const client = process.cpuUsage(clientCpu);
  const serverPeakMb = peakMb(pid);
  server.child.kill('SIGTERM');
  await server.exited;

  const store = await openStore(dir);
  const [stored] = await store.all<{ n: number }>(
    raw(`SELECT count(*) AS n FROM events WHERE import_id > ${PREFILL > 0 ? 1 : 0}`),
  );
  await store.close();
  await rm(dir, { recursive: true, force: true });

  const report = {
    date: new Date().toISOString(),
    seconds: result.duration,
    batch: BATCH,
    connections: CONNECTIONS,
    prefill: PREFILL,
    prefillImportSeconds: Math.round(prefillSeconds * 10) / 10,
    batches: result.requests.total,
    eventsAcknowledged: acknowledged,
    eventsStored: stored?.n ?? -1,
    duplicates,
    non200: refused + result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    eventsPerSecond: Math.round(acknowledged / result.duration),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    serverCpuCores: Math.round((serverCpuSeconds / result.duration) * 100) / 100,
    serverPeakMb,
    clientCpuCores: Math.round(((client.user + client.system) / 1e6 / result.duration) * 100) / 100,
    loadAverageBefore: Math.round(load * 100) / 100,
  };
  await mkdir(OUT, { recursive: true });
  await writeFile(join(OUT, 'ingest-load.json'), JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(
    `| ingest ${BATCH.toLocaleString('en-US')}-event NDJSON batches, ${CONNECTIONS} connections, ${Math.round(result.duration)} s` +
      `${PREFILL > 0 ? `, store prefilled with ${PREFILL.toLocaleString('en-US')} events with ids` : ''} | ` +
      `${report.eventsPerSecond.toLocaleString('en-US')} events/s | p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms | ` +
      `server ${report.serverCpuCores} cores, ${serverPeakMb} MB peak; client ${report.clientCpuCores} cores |\n`,
  );
}

await main();
