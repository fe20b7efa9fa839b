/**
 * Runs `analyze()` for a command: a progress bar through its phases on a terminal (silent in
 * pipes and tests), and a clear error when there is nothing to analyze.
 */
import type { TWorkspace } from '../../model/workspace-schema.js';
import { analyze, ANALYSIS_PHASES, type TAnalysis } from '../../service/analyze.js';
import type { TStore } from '../../store/store.js';
import { workspaceFile } from '../../service/workspace-files.js';
import { UsageError } from '../errors.js';
import { progressBar } from '../progress.js';

/**
 * The analysis of the workspace's store.
 * @param dir the workspace folder as the user wrote it, for the messages
 */
export async function runAnalysis(
  store: TStore,
  workspace: TWorkspace,
  dir: string,
): Promise<TAnalysis> {
  const bar = progressBar();
  // Labels padded to the longest phase, so the bar does not jump between phases.
  const width = Math.max(...ANALYSIS_PHASES.map((p) => p.length));
  // A command rebuilds the journey index when it is not current, so the next one reads it.
  const analysis = await analyze(store, workspace, {
    index: 'refresh',
    onIndexError: (message) =>
      process.stderr.write(
        `journeylens: warning: the journey index could not be brought up to date (${message}); this analysis forms the journeys itself\n`,
      ),
    onPhase: (phase) =>
      bar.update(phase.padEnd(width), ANALYSIS_PHASES.indexOf(phase) / ANALYSIS_PHASES.length),
  }).finally(() => bar.done());
  if (analysis.journeys.events === 0) {
    throw new UsageError(
      `${dir}: the workspace store has no events to analyze; import them first: journeylens import events.csv -w ${dir} (or try journeylens demo)`,
    );
  }
  if (analysis.journeys.journeys === 0) {
    const top = analysis.journeys.unmapped
      .slice(0, 5)
      .map((u) => u.activity)
      .join(', ');
    process.stderr.write(
      `journeylens: warning: none of the ${analysis.journeys.events.toLocaleString('en-US')} events maps to a touchpoint, so there are no journeys to analyze; ` +
        `add the activities (${top}${analysis.journeys.unmapped.length > 5 ? ', ...' : ''}) to the touchpoints in ${workspaceFile(dir)}\n`,
    );
  }
  return analysis;
}
