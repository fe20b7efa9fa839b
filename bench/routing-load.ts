/**
 * Load on `POST /api/route` (docs/performance.md "Routing by contact reason"): a real
 * `journeylens serve` on loopback, the demo company's workspace (its taxonomy, segments and
 * routing rules; the repeat-contact window widened to the default 30 days so the live context
 * is larger), 1M customers and the contacts of their last 30 days in the store. Once the
 * server's start-up analysis is done and after 5 s of warm-up, a client in a process of its
 * own sends a fixed 1,000 requests/s for 30 s, open loop (latency counted from when each
 * request was due, so no coordinated omission): the target's measure. Then autocannon runs
 * for 30 s at `overallRate` 1,000 with 20 connections, which it sends as one burst at the start
 * of each second (see `runAutocannon`): the burst test. The server's own time per request
 * during the fixed-rate run is read from its request log.
 *
 *   npm run build && node --expose-gc dist/bench/routing-load.js [customers] [seconds] [prepare]
 *
 * The workspace is made once into bench/out/routing-load (git-ignored) and remade when it is
 * more than a day old (the contacts are relative to now). With --expose-gc the bench also
 * measures the JS heap the live context takes, in this process, before the server starts.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
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

type TAutocannonResult = {
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  requests: { average: number; total: number; sent: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
};
/** Client-side latencies in milliseconds, and what went wrong. */
type TClientResult = {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  requests: number;
  non2xx: number;
  errors: number;
};
type TClientKind = 'fixed-rate' | 'autocannon';
type TRequest = { method: string; path: string; headers: Record<string, string>; body?: string };
type TAutocannon = (options: {
  url: string;
  connections: number;
  overallRate: number;
  duration: number;
  ignoreCoordinatedOmission: boolean;
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

/** One routing request as the CRM would send it: mostly known customers, some unknown ids, some attributes only. */
function requestBody(rng: Rng): string {
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
  return JSON.stringify({
    customer,
    reason: rng.pick(REASONS),
    channel: rng.pick(CONTACT_CHANNELS),
  });
}

/**
 * autocannon with `overallRate`: what it really sends. Each of the 20 connections may make
 * rate/20 requests per second and sends them back to back from the start of each second
 * (autocannon 9, lib/httpClient.js `reqsMadeThisSecond`), so the 1,000 requests of a second
 * come as one burst with 20 in flight, and its coordinated-omission correction takes an
 * expected interval of ceil(1 / rate) = 1 ms (lib/run.js), adding made-up samples to every
 * answer slower than 1 ms. Kept as the burst test; the target is measured by `runFixedRate`.
 */
function runAutocannon(url: string, token: string, duration: number): Promise<TClientResult> {
  const rng = new Rng(42 + duration);
  const request = {
    method: 'POST',
    path: '/api/route',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    setupRequest: (r: TRequest): TRequest => ({ ...r, body: requestBody(rng) }),
  };
  return autocannon({
    url,
    connections: CONNECTIONS,
    overallRate: RATE,
    duration,
    ignoreCoordinatedOmission: true,
    requests: [request],
  }).then((r) => ({
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    mean: r.latency.average,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  }));
}

/**
 * An open-loop client at a fixed rate (as wrk2 does): request i is due at start + i / rate
 * whether or not earlier answers came back, and its latency is counted from when it was due,
 * so a late timer or a stalled server counts against the result (no coordinated omission).
 * Keep-alive connections are opened as needed.
 */
function runFixedRate(url: string, token: string, duration: number): Promise<TClientResult> {
  const rng = new Rng(42 + duration);
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = RATE * duration;
  const latencies = new Float64Array(total);
  const interval = 1000 / RATE;
  const start = performance.now() + 20;
  let sent = 0;
  let answered = 0;
  let non2xx = 0;
  let errors = 0;
  return new Promise((resolve) => {
    const finish = (): void => {
      if (answered < total) return;
      agent.destroy();
      const sorted = Array.from(latencies).sort((a, b) => a - b);
      const round = (ms: number): number => Math.round(ms * 100) / 100;
      resolve({
        p50: round(percentile(sorted, 50)),
        p90: round(percentile(sorted, 90)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted[sorted.length - 1] ?? Number.NaN),
        mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
        requests: total,
        non2xx,
        errors,
      });
    };
    const send = (i: number, due: number): void => {
      const body = requestBody(rng);
      const done = (ok: boolean, status: number): void => {
        latencies[i] = performance.now() - due;
        if (!ok) errors++;
        else if (status < 200 || status >= 300) non2xx++;
        answered++;
        finish();
      };
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path: '/api/route',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${token}`,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => done(true, res.statusCode ?? 0));
          res.on('error', () => done(false, 0));
        },
      );
      req.on('error', () => done(false, 0));
      req.end(body);
    };
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        send(sent, start + sent * interval);
        sent++;
      }
      if (sent < total) setTimeout(tick, start + sent * interval - performance.now());
    };
    setTimeout(tick, 20);
  });
}

/**
 * The client in a process of its own (this script in `client` mode), so that its pauses —
 * and the heap this process built to measure the live context — are not the server's.
 */
async function clientProcess(
  kind: TClientKind,
  url: string,
  token: string,
  duration: number,
): Promise<TClientResult> {
  const child = spawn(
    process.execPath,
    [import.meta.filename, String(CUSTOMERS), String(duration), 'client', kind, url, token],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the load client exited with ${code}`);
  return JSON.parse(out) as TClientResult;
}

async function main(): Promise<void> {
  if (process.argv[4] === 'client') {
    const [kind, url = '', token = ''] = process.argv.slice(5);
    const client = kind === 'autocannon' ? runAutocannon : runFixedRate;
    process.stdout.write(JSON.stringify(await client(url, token, SECONDS)));
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
      `exec node ${JSON.stringify(CLI)} serve -w ${JSON.stringify(DIR)} --port 0 2>${JSON.stringify(log)}`,
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

  process.stderr.write(
    `server up in ${startup.toFixed(1)} s at ${url}; waiting for its analysis\n`,
  );
  // `serve` computes the analysis once at start (seconds of work on both cores): the steady
  // state routing is measured in begins when that is done.
  const analysed = await waitForLog(log, 'analysis computed', 300_000);
  process.stderr.write(
    `analysis ${analysed ? 'computed' : 'still running after 300 s'}; warming up\n`,
  );
  await clientProcess('fixed-rate', url, token, 5);
  const offset = (await stat(log)).size;
  const loadBefore = loadavg()[0];
  const cpuBefore = await cpuSeconds(pid);
  process.stderr.write(`measuring ${SECONDS} s at a fixed ${RATE} requests/s\n`);
  const result = await clientProcess('fixed-rate', url, token, SECONDS);
  const cpu = (await cpuSeconds(pid)) - cpuBefore;
  const end = (await stat(log)).size;
  process.stderr.write(`measuring ${SECONDS} s of autocannon bursts\n`);
  const bursts = await clientProcess('autocannon', url, token, SECONDS);
  const rssLoaded = await rssMb(pid);
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));

  const text = (await readFile(log)).subarray(offset, end).toString('utf8');
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
    seconds: SECONDS,
    startupSeconds: startup,
    /** The machine is shared: its 1-minute load average before and after the measured run. */
    loadAverage: { before: loadBefore, after: loadavg()[0] },
    liveContext: liveLines,
    liveContextHeap: heap,
    rssMb: { idle: rssIdle, afterLoad: rssLoaded },
    /** The target's measure: open loop at a fixed rate, latency counted from when due. */
    fixedRate: result,
    /** autocannon `overallRate`: 1,000 requests in a burst at the start of each second. */
    autocannonBursts: { connections: CONNECTIONS, ...bursts },
    server: {
      /** CPU time of the server per request, in milliseconds (HTTP, auth, logging included). */
      cpuMsPerRequest: (cpu * 1000) / Math.max(1, result.requests),
      requests: serverMs.length,
      p50: percentile(serverMs, 50),
      p99: percentile(serverMs, 99),
      max: serverMs[serverMs.length - 1],
    },
    met: result.p99 <= 10 && result.non2xx === 0 && result.errors === 0,
  };
  await writeFile(join(OUT, 'routing-load.json'), JSON.stringify(summary, null, 1));
  process.stdout.write(`${JSON.stringify(summary, null, 1)}\n`);
}

await main();
