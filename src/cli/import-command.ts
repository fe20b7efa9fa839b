/** `journeylens import <file>`: append events, customers or feedback to a workspace's store. */
import { Option, type Command } from 'commander';
import { DATA_KINDS, type TDataKind } from '../model/fields.js';
import { importFile } from '../ingest/import.js';
import { refreshJourneyIndex } from '../service/journeys.js';
import { openStore } from '../service/workspace-store.js';
import { loadWorkspaceIfAny } from '../service/workspace-files.js';
import { EXIT } from './errors.js';
import { addImportOptions, importRequest, type TImportFlags } from './import-options.js';
import { importSummary } from './import-report.js';
import { progressBar } from './progress.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import type { TStore } from '../store/store.js';

type TFlags = TImportFlags & {
  workspace: string;
  kind: TDataKind;
  strict?: boolean;
  index: boolean;
};

export function importCommand(program: Command): void {
  const command = program
    .command('import')
    .argument('<file...>', 'CSV, JSON Lines, Parquet, XES or XES.gz file(s)')
    .description(
      'import records into the workspace store; bad records are quarantined, re-imports add nothing',
    )
    .option('-w, --workspace <dir>', 'workspace folder', '.')
    .addOption(
      new Option('--kind <kind>', 'what the file holds').choices(DATA_KINDS).default('events'),
    )
    .option('--strict', `exit with code ${EXIT.rejected} when any record is quarantined`)
    .option(
      '--no-index',
      'do not bring the journey index up to date after importing events or customers (the next analyze does)',
    );
  addImportOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  journeylens import events.csv -w acme --map Medium=channel --timezone Europe/Amsterdam
  journeylens import customers.csv -w acme --kind customers
  journeylens import surveys.jsonl -w acme --kind feedback
  journeylens quarantine -w acme          # what was set aside, and why`,
  );
  command.action(async (files: string[], flags: TFlags) => {
    const workspace = await loadWorkspaceIfAny(flags.workspace);
    const store = await openStore(flags.workspace);
    let quarantined = 0;
    try {
      for (const file of files) {
        const bar = progressBar();
        const request = importRequest(file, flags.kind, flags, {
          timezone: workspace?.settings.timezone,
        });
        const report = await importFile(store, {
          ...request,
          onProgress: (p) => bar.update(p.phase, p.fraction),
        }).finally(() => bar.done());
        quarantined += report.quarantined;
        process.stdout.write(importSummary(report));
      }
      if (workspace !== undefined && flags.index && flags.kind !== 'feedback') {
        await indexJourneys(store, workspace);
      }
    } finally {
      await store.close();
    }
    if (flags.strict === true && quarantined > 0) process.exitCode = EXIT.rejected;
  });
}

/**
 * Brings the journey index up to date for every analysis that follows: the cost of ordering
 * the events into journeys is paid here, not by each analysis. The records are stored
 * by then, so a failure here is a warning, not a failed import: the index stays as it was
 * (not current), and the next analysis forms the journeys itself.
 */
export async function indexJourneys(store: TStore, workspace: TWorkspace): Promise<void> {
  const bar = progressBar();
  const started = performance.now();
  try {
    const refresh = await refreshJourneyIndex(store, workspace, {
      onProgress: (f) => bar.update('journey index', f),
    }).finally(() => bar.done());
    if (refresh !== 'current') {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const what =
        refresh === 'updated'
          ? 'journeys of the new events formed for analysis'
          : 'journeys formed for analysis';
      process.stdout.write(`journey index: ${what} (${seconds} s)\n`);
    }
  } catch (e) {
    process.stderr.write(
      `journeylens: warning: the records are imported, but the journey index was not brought up to date (${(e as Error).message}); the next analyze forms the journeys itself\n`,
    );
  }
}
