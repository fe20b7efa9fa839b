/**
 * The floor for Parquet import: DuckDB copying the file into a table of a fresh store file,
 * with no mapping, checking or sequence numbers.
 * Usage: node dist/bench/bare-parquet.js <file.parquet> <store.duckdb>
 */
import { sql } from '../src/query/sql.js';
import { openDuckDbStore } from '../src/store/duckdb/duckdb-store.js';

const [file, target] = process.argv.slice(2);
if (file === undefined || target === undefined)
  throw new Error('usage: bare-parquet <parquet> <store>');
const store = await openDuckDbStore({ path: target });
await store.exec(sql`CREATE TABLE events AS SELECT * FROM read_parquet(${file})`);
await store.close();
