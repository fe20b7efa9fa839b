import { DuckDBInstance } from '@duckdb/node-api';
const [,, db, ...qs] = process.argv;
const inst = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
const c = await inst.connect();
await c.run("SET TimeZone='UTC'");
for (const q of qs) {
  const t = performance.now();
  const r = await c.runAndReadAll(q);
  const rows = r.getRowObjectsJS();
  console.log(((performance.now()-t)/1000).toFixed(2)+'s', JSON.stringify(rows.slice(0,3), (k,v)=>typeof v==='bigint'?Number(v):v).slice(0,300));
}
