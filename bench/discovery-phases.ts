/**
 * Times discovery (DFG + variants + durations) over a workspace store that is already
 * imported, from inside one process. Usage: node dist/bench/discovery-phases.js <workspace>
 */
import { discover } from '../src/service/discover.js';
import { openStore } from '../src/service/workspace-store.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: discovery-phases <workspace>');
const store = await openStore(dir);
const started = performance.now();
const result = await discover(store, { topVariants: 20 });
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({
    seconds,
    events: result.events,
    cases: result.cases,
    variants: result.variantsTotal,
    edges: result.dfg.length,
  }) + '\n',
);
await store.close();
