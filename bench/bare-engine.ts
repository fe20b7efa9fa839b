/**
 * The floor: a bare DuckDB pass over the same CSV (read, then directly-follows counts) with
 * none of Journeylens' checking, mapping or variants. Shows what the product adds on top.
 * Usage: node dist/bench/bare-engine.js <file.csv.gz>
 */
import { raw, sql } from '../src/query/sql.js';
import { openDuckDbStore } from '../src/store/duckdb/duckdb-store.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: bare-engine <csv>');
const store = await openDuckDbStore({ path: ':memory:' });
await store.exec(sql`CREATE TABLE e AS SELECT * FROM read_csv(${file}, header = true)`);
const rows = await store.all(
  raw(`SELECT activity, next, count(*) AS n FROM (
    SELECT activity, lead(activity) OVER (PARTITION BY case_id ORDER BY timestamp) AS next FROM e)
    WHERE next IS NOT NULL GROUP BY ALL`),
);
process.stdout.write(JSON.stringify({ edges: rows.length }) + '\n');
await store.close();
