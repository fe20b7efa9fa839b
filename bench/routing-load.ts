/**
 * Load on `POST /api/route` (docs/performance.md "Routing by contact reason"): a real
 * `journeylens serve` on loopback, the demo company's workspace (its taxonomy, segments and
 * routing rules; the repeat-contact window widened to the default 30 days so the live context
 * is larger), 1M customers and the contacts of their last 30 days in the store; autocannon
 * sends a fixed 1,000 requests/s (latencies corrected for coordinated omission) from a
 * process of its own, once the server's start-up analysis is done and after 5 s of warm-up. The server's own time per request is read from its request log as well.
 *
 *   npm run build && node --expose-gc dist/bench/routing-load.js [customers] [seconds] [prepare]
 *
 * The workspace is made once into bench/out/routing-load (git-ignored) and remade when it is
 * more than a day old (the contacts are relative to now). With --expose-gc the bench also
 * measures the JS heap the live context takes, in this process, before the server starts.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { CONTACT_REASONS } from '../demo/company.js';
import { Rng } from '../demo/prng.js';
import { workspaceYaml } from '../demo/workspace-yaml.js';
import { sql } from '../src/query/sql.js';
import { createApiToken, ensureAppSchema } from '../src/service/auth/accounts.js';
import { LiveContext } from '../src/service/live-context.js';
import { loadWorkspaceDir } from '../src/service/workspace-files.js';
import { openStore } from '../src/service/workspace-store.js';
import { OUT } from './inputs.js';

type TLatency = {
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
  max: number;
  average: number;
};
type TAutocannonResult = {
  latency: TLatency;
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
  overallRate: number;
  duration: number;
  requests: {
    method: string;
    path: string;
    headers: Record<string, string>;
    setupRequest: (r: TRequest) => TRequest;
  }[];
}) => Promise<TAutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as TAutocannon;

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'journeylens.js');
const DIR = join(OUT, 'routing-load');
const CUSTOMERS = Number(process.argv[2] ?? 1_000_000);
const SECONDS = Number(process.argv[3] ?? 30);
const RATE = 1000;
const CONNECTIONS = 20;
const DAY_S = 86_400;

const REASONS = CONTACT_REASONS.flatMap((r) => [r.id, ...r.secondary.map(([s]) => `${r.id}/${s}`)]);
const CONTACT_CHANNELS = ['phone', 'chat', 'email', 'web', 'app'];

/** The store: 1M customers with the demo's attributes, their contacts of 30 days and older. */
async function prepare(): Promise<string> {
  const marker = join(DIR, 'bench.json');
  if (existsSync(marker)) {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as {
      customers: number;
      made: number;
      token: string;
    };
    if (m.customers === CUSTOMERS && Date.now() - m.made < DAY_S * 1000) return m.token;
  }
  await rm(DIR, { recursive: true, force: true });
  await mkdir(DIR, { recursive: true });
  const yaml = workspaceYaml().replace(
    /repeatContact: \{[^}]*\}/,
    'repeatContact: { count: 3, withinDays: 30, sameReason: false }',
  );
  await writeFile(join(DIR, 'journeylens.yaml'), yaml);
  const started = performance.now();
  const store = await openStore(DIR);
  await ensureAppSchema(store);
  const now = Math.floor(Date.now() / 1000);
  const reasons = JSON.stringify(REASONS);
  const channels = JSON.stringify(CONTACT_CHANNELS);
  // Segments of the demo: business 3%, VIP (value ≥ 2500) ~5%, at risk (churn ≥ 0.7) ~10%,
  // new (tenure < 12) ~20%, loyal (silver or gold) ~20%, the rest regular.
  await store.exec(sql`INSERT INTO customers
    SELECT 'C' || lpad(CAST(i AS VARCHAR), 7, '0'), 1, json_object(
      'customer_type', CASE WHEN hash(i, 'b') % 100 < 3 THEN 'business' ELSE 'consumer' END,
      'lifetime_value', CASE WHEN hash(i, 'v') % 100 < 5 THEN 2500 + hash(i, 'x') % 5000 ELSE hash(i, 'x') % 2400 END,
      'churn_score', (hash(i, 'c') % 1000) / 1000 * 0.78,
      'tenure_months', hash(i, 't') % 60,
      'loyalty_tier', ['none', 'member', 'silver', 'gold'][1 + CAST(hash(i, 'l') % 4 AS INTEGER)])
    FROM range(${CUSTOMERS}) t(i)`);
  // 30% of customers made 1–4 contacts in the last 30 days; everyone made 2 older ones.
  await store.exec(sql`INSERT INTO events (seq, import_id, customer_id, ts, activity, channel, outcome, reason)
    SELECT row_number() OVER (ORDER BY ts) - 1, 1, customer_id, ts, activity, channel, outcome, reason FROM (
      SELECT 'C' || lpad(CAST(i AS VARCHAR), 7, '0') AS customer_id,
        to_timestamp(${now} - CASE WHEN j < 4 THEN hash(i, j, 't') % ${30 * DAY_S}
          ELSE ${31 * DAY_S} + hash(i, j, 't') % ${365 * DAY_S} END) AS ts,
        'Contact' AS activity,
        r.c[1 + CAST(hash(i, j, 'ch') % ${CONTACT_CHANNELS.length} AS INTEGER)] AS channel,
        CASE WHEN hash(i, j, 'o') % 100 < 5 THEN 'failed' WHEN hash(i, j, 'o') % 100 < 7 THEN 'abandoned' ELSE 'ok' END AS outcome,
        r.r[1 + CAST(hash(i, j, 'r') % ${REASONS.length} AS INTEGER)] AS reason
      FROM range(${CUSTOMERS}) t(i), range(6) u(j),
        (SELECT from_json(${reasons}, '["VARCHAR"]') AS r, from_json(${channels}, '["VARCHAR"]') AS c) r
      WHERE (j < 4 AND hash(i, 'recent') % 10 < 3 AND j <= hash(i, 'k') % 4) OR j >= 4)`);
  const { token } = await createApiToken(store, {
    name: 'bench',
    scopes: ['route'],
    createdBy: 'bench',
  });
  const [counts] = await store.all<{
    events: number;
    recent: number;
  }>(sql`SELECT count(*) AS events,
    count(*) FILTER (WHERE ts >= to_timestamp(${now - 30 * DAY_S})) AS recent FROM events`);
  await store.close();
  process.stderr.write(
    `made ${CUSTOMERS.toLocaleString('en-US')} customers, ${counts?.events.toLocaleString('en-US')} events ` +
      `(${counts?.recent.toLocaleString('en-US')} in the last 30 days) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  await writeFile(marker, JSON.stringify({ customers: CUSTOMERS, made: Date.now(), token }));
  return token;
}

/** The JS heap the live context holds, measured in this process (needs --expose-gc). */
async function liveContextHeap(): Promise<
  { mb: number; stats: ReturnType<LiveContext['stats']>; seconds: number } | undefined
> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return undefined;
  const workspace = await loadWorkspaceDir(DIR);
  const store = await openStore(DIR);
  const session = await store.fork();
  try {
    gc();
    const before = process.memoryUsage().heapUsed;
    const live = new LiveContext({ session, now: Date.now, log: { log: () => undefined } });
    const started = performance.now();
    await live.load(workspace);
    const seconds = (performance.now() - started) / 1000;
    gc();
    const mb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    return { mb, stats: live.stats(), seconds };
  } finally {
    await session.close();
    await store.close();
  }
}

/** CPU seconds the process has used (user + system), from /proc (100 ticks a second). */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Waits until the server's log has a line with `message` (false after `ms`). */
async function waitForLog(path: string, message: string, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if ((await readFile(path, 'utf8')).includes(`"message":"${message}"`)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Sends the requests at the fixed rate for `duration` s; autocannon's result. */
function runClient(url: string, token: string, duration: number): Promise<TAutocannonResult> {
  const rng = new Rng(42 + duration);
  const request = {
    method: 'POST',
    path: '/api/route',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    setupRequest: (r: TRequest): TRequest => {
      const roll = rng.next();
      const customer =
        roll < 0.9
          ? { id: `C${String(rng.int(0, CUSTOMERS - 1)).padStart(7, '0')}` }
          : roll < 0.95
            ? { id: `X${rng.int(0, 1e9)}` }
            : {
                attributes: {
                  lifetime_value: rng.int(0, 6000),
                  loyalty_tier: rng.pick(['none', 'gold']),
                },
              };
      const body = { customer, reason: rng.pick(REASONS), channel: rng.pick(CONTACT_CHANNELS) };
      return { ...r, body: JSON.stringify(body) };
    },
  };
  return autocannon({
    url,
    connections: CONNECTIONS,
    overallRate: RATE,
    duration,
    requests: [request],
  });
}

/**
 * The client in a process of its own (this script in `client` mode), so that its pauses —
 * and the heap this process built to measure the live context — are not the server's.
 */
async function clientProcess(
  url: string,
  token: string,
  duration: number,
): Promise<TAutocannonResult> {
  const child = spawn(
    process.execPath,
    [import.meta.filename, String(CUSTOMERS), String(duration), 'client', url, token],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the load client exited with ${code}`);
  return JSON.parse(out) as TAutocannonResult;
}

async function main(): Promise<void> {
  if (process.argv[4] === 'client') {
    const [url = '', token = ''] = process.argv.slice(5);
    process.stdout.write(JSON.stringify(await runClient(url, token, SECONDS)));
    return;
  }
  const token = await prepare();
  if (process.argv[4] === 'prepare') return;
  const heap = await liveContextHeap();
  const log = join(DIR, 'server.log');
  await rm(log, { force: true });
  const started = performance.now();
  const server = spawn(
    'sh',
    [
      '-c',
      `exec node ${JSON.stringify(CLI)} serve -d ${JSON.stringify(DIR)} --port 0 2>${JSON.stringify(log)}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/[^ ]+) /.exec(out);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`the server exited with ${code}: see ${log}`)));
  });
  const startup = (performance.now() - started) / 1000;
  const pid = server.pid ?? 0;
  const rssIdle = await rssMb(pid);

  const run = (duration: number) => clientProcess(url, token, duration);
  process.stderr.write(
    `server up in ${startup.toFixed(1)} s at ${url}; waiting for its analysis\n`,
  );
  // `serve` computes the analysis once at start (seconds of work on both cores): the steady
  // state routing is measured in begins when that is done.
  const analysed = await waitForLog(log, 'analysis computed', 300_000);
  process.stderr.write(
    `analysis ${analysed ? 'computed' : 'still running after 300 s'}; warming up\n`,
  );
  await run(5);
  const offset = (await stat(log)).size;
  const loadBefore = loadavg()[0];
  const cpuBefore = await cpuSeconds(pid);
  process.stderr.write(`measuring ${SECONDS} s at ${RATE} requests/s\n`);
  const result = await run(SECONDS);
  const rssLoaded = await rssMb(pid);
  const cpu = (await cpuSeconds(pid)) - cpuBefore;
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));

  const text = (await readFile(log)).subarray(offset).toString('utf8');
  const serverMs = text
    .split('\n')
    .filter((l) => l.includes('"path":"/api/route"'))
    .map((l) => (JSON.parse(l) as { ms: number }).ms)
    .sort((a, b) => a - b);
  const liveLines = readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l.includes('live context'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const summary = {
    date: new Date().toISOString(),
    customers: CUSTOMERS,
    rate: RATE,
    connections: CONNECTIONS,
    seconds: SECONDS,
    startupSeconds: startup,
    /** The machine is shared: its 1-minute load average before and after the measured run. */
    loadAverage: { before: loadBefore, after: loadavg()[0] },
    liveContext: liveLines,
    liveContextHeap: heap,
    rssMb: { idle: rssIdle, afterLoad: rssLoaded },
    client: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.average,
      requests: result.requests.total,
      perSecond: result.requests.average,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    },
    server: {
      /** CPU time of the server per request, in milliseconds (HTTP, auth, logging included). */
      cpuMsPerRequest: (cpu * 1000) / Math.max(1, result.requests.total),
      requests: serverMs.length,
      p50: percentile(serverMs, 50),
      p99: percentile(serverMs, 99),
      max: serverMs[serverMs.length - 1],
    },
    met: result.latency.p99 <= 10 && result.non2xx === 0 && result.errors === 0,
  };
  await writeFile(join(OUT, 'routing-load.json'), JSON.stringify(summary, null, 1));
  process.stdout.write(`${JSON.stringify(summary, null, 1)}\n`);
}

await main();
