/**
 * Times each phase of the journey analysis over a workspace store that is already imported,
 * from inside one process, and prints them as JSON (seconds per phase and in total). With
 * `session`, the journey index's key is forgotten first, so the analysis forms the journeys
 * in its session as it does when the index is not current; otherwise it reads the index
 * (rebuilding it first if it is not current, as `journeylens analyze` does).
 * Usage: node dist/bench/analysis-phases.js <workspace> [session]
 */
import { forgetJourneyIndex } from '../src/query/journey-index.js';
import { analyze, type TAnalysisPhase } from '../src/service/analyze.js';
import { loadWorkspaceDir } from '../src/service/workspace-files.js';
import { openStore } from '../src/service/workspace-store.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: analysis-phases <workspace> [session]');
const session = process.argv[3] === 'session';
const workspace = await loadWorkspaceDir(dir);
const store = await openStore(dir);
if (session) await store.exec(forgetJourneyIndex);
const phases: Partial<Record<TAnalysisPhase | 'report', number>> = {};
const started = performance.now();
let current: TAnalysisPhase | undefined;
let since = started;
const close = (): void => {
  const now = performance.now();
  if (current !== undefined) phases[current] = (now - since) / 1000;
  since = now;
};
const result = await analyze(store, workspace, {
  index: session ? 'read' : 'refresh',
  onPhase: (phase) => {
    close();
    current = phase;
  },
});
close();
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({
    seconds,
    phases,
    journeys: result.journeys.journeys,
    events: result.journeys.events,
  }) + '\n',
);
await store.close();
