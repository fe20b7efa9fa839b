import { DuckDBInstance } from '@duckdb/node-api';
const [,, db, file] = process.argv;
const fs = await import('node:fs');
const qs = fs.readFileSync(file,'utf8').split(';\n').map(s=>s.trim()).filter(Boolean);
const inst = await DuckDBInstance.create(db);
const c = await inst.connect();
await c.run("SET TimeZone='UTC'");
const t0 = performance.now();
for (const q of qs) {
  const t = performance.now();
  const r = await c.runAndReadAll(q);
  const rows = r.getRowObjectsJS();
  console.log(((performance.now()-t)/1000).toFixed(2)+'s', q.slice(0,60).replace(/\s+/g,' '), '→', JSON.stringify(rows.slice(0,2), (k,v)=>typeof v==='bigint'?Number(v):v).slice(0,200));
}
console.log('total', ((performance.now()-t0)/1000).toFixed(2));
