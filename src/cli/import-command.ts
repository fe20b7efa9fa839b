/** `journeylens import <file>`: append events, customers or feedback to a workspace's store. */
import { Option, type Command } from 'commander';
import { DATA_KINDS, type TDataKind } from '../model/fields.js';
import { importFile } from '../ingest/import.js';
import { openStore } from '../service/workspace-store.js';
import { loadWorkspaceIfAny } from '../service/workspace-files.js';
import { EXIT } from './errors.js';
import { addImportOptions, importRequest, type TImportFlags } from './import-options.js';
import { importSummary } from './import-report.js';
import { progressBar } from './progress.js';

type TFlags = TImportFlags & { workspace: string; kind: TDataKind; strict?: boolean };

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
    .option('--strict', `exit with code ${EXIT.rejected} when any record is quarantined`);
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
    } finally {
      await store.close();
    }
    if (flags.strict === true && quarantined > 0) process.exitCode = EXIT.rejected;
  });
}
