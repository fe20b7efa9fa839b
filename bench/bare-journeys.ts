/**
 * The floor for the analysis: DuckDB alone ordering the same events into journeys (one window
 * pass with the position and the previous activity) and grouping them per journey, with no
 * touchpoint mapping, friction, conformance or reports. Prints the in-process seconds.
 * Usage: node dist/bench/bare-journeys.js <workspace>
 */
import { raw } from '../src/query/sql.js';
import { openStore } from '../src/service/workspace-store.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: bare-journeys <workspace>');
const store = await openStore(dir);
const started = performance.now();
await store.exec(
  raw(`CREATE TEMP TABLE steps AS SELECT seq, case_id, ts, activity,
    row_number() OVER w AS pos, lag(activity) OVER w AS previous
    FROM events WINDOW w AS (PARTITION BY case_id ORDER BY ts, seq)`),
);
const [row] = await store.all<{ journeys: number }>(
  raw(`SELECT count(*) AS journeys FROM (
    SELECT case_id, count(*), min(ts), max(ts), bit_xor(hash(activity, pos)) FROM steps GROUP BY case_id)`),
);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ seconds, journeys: row?.journeys }) + '\n');
await store.close();
