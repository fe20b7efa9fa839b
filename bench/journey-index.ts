/**
 * Times forming the journey index of a workspace store that is already imported (what
 * `journeylens import` does last, and `analyze` when the index is not current), from inside
 * one process: the index's key is forgotten first, so it is always built. Prints the seconds.
 * Usage: node dist/bench/journey-index.js <workspace>
 */
import { forgetJourneyIndex } from '../src/query/journey-index.js';
import { refreshJourneyIndex } from '../src/service/journeys.js';
import { loadWorkspaceDir } from '../src/service/workspace-files.js';
import { openStore } from '../src/service/workspace-store.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: journey-index <workspace>');
const workspace = await loadWorkspaceDir(dir);
const store = await openStore(dir);
await store.exec(forgetJourneyIndex);
const started = performance.now();
const refresh = await refreshJourneyIndex(store, workspace);
const seconds = (performance.now() - started) / 1000;
if (refresh !== 'rebuilt') throw new Error(`the journey index was not rebuilt (${refresh})`);
process.stdout.write(JSON.stringify({ seconds }) + '\n');
await store.close();
