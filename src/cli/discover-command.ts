/**
 * `journeylens discover [file]`: with a file, import it into a throwaway in-memory store and
 * discover its journeys (a process analyst's one-shot); without one, discover over the
 * workspace's store, optionally filtered by segment, channel and time range.
 */
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { toDiscoveryJson, type TDiscovery } from '../model/discovery.js';
import { importFile } from '../ingest/import.js';
import { discover } from '../service/discover.js';
import { openStore } from '../service/workspace-store.js';
import { segmentPredicateFor } from '../service/segments.js';
import { loadWorkspaceDir } from '../service/workspace-files.js';
import { discoveryMarkdown } from './discovery-markdown.js';
import { UsageError } from './errors.js';
import { addImportOptions, importRequest, type TImportFlags } from './import-options.js';
import { importSummary } from './import-report.js';
import { progressBar } from './progress.js';

type TFilter = {
  channels?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  segment?: string | undefined;
};

type TDiscoverFlags = TImportFlags & {
  format: 'json' | 'md';
  top: string;
  workspace: string;
  segment?: string;
  channel?: string[];
  from?: string;
  to?: string;
};

export function discoverCommand(program: Command): void {
  const command = program
    .command('discover')
    .argument(
      '[file]',
      'event log to discover (CSV, JSON Lines, Parquet, XES, XES.gz); omit to use the workspace',
    )
    .description('directly-follows graph, start/end activities, variants and journey durations');
  addImportOptions(command);
  command
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'md']).default('md'),
    )
    .option('--top <n>', 'number of top variants to list', '20')
    .option('-w, --workspace <dir>', 'workspace folder (when no file is given)', '.')
    .option('--segment <id>', 'only customers of this segment (workspace only)')
    .option('--channel <channel...>', 'only events on these channels')
    .option('--from <time>', 'only events at or after this ISO 8601 time')
    .option('--to <time>', 'only events before this ISO 8601 time')
    .addHelpText(
      'after',
      `
Examples:
  journeylens discover log.xes.gz --format json
  journeylens discover complaints.csv --case CustomerID --activity ComplaintTopic_EN \\
    --timestamp ContactDate --sep ';' --encoding latin-1
  journeylens discover -w journeylens-demo --segment vip --channel phone --from 2025-03-01`,
    )
    .action(async (file: string | undefined, flags: TDiscoverFlags) => {
      const top = Number(flags.top);
      if (!Number.isInteger(top) || top < 0)
        throw new UsageError(`--top ${flags.top}: expected a whole number ≥ 0`);
      for (const [name, value] of [
        ['--from', flags.from],
        ['--to', flags.to],
      ] as const) {
        if (value !== undefined && Number.isNaN(Date.parse(value))) {
          throw new UsageError(
            `${name} ${value}: expected an ISO 8601 time such as 2025-03-01 or 2025-03-01T12:00:00Z`,
          );
        }
      }
      const filter = {
        channels: flags.channel,
        from: flags.from,
        to: flags.to,
        segment: flags.segment,
      };
      const result =
        file === undefined
          ? await discoverWorkspace(flags, filter, top)
          : await discoverFile(file, flags, filter, top);
      process.stdout.write(
        flags.format === 'json'
          ? JSON.stringify(toDiscoveryJson(result), null, 1) + '\n'
          : discoveryMarkdown(result, file === undefined ? flags.workspace : basename(file)),
      );
    });
}

async function discoverFile(
  file: string,
  flags: TDiscoverFlags,
  filter: TFilter,
  top: number,
): Promise<TDiscovery> {
  if (filter.segment !== undefined)
    throw new UsageError(
      '--segment needs a workspace: import the file, then run discover without a file',
    );
  const store = await openStore(':memory:');
  const bar = progressBar();
  try {
    const request = {
      ...importRequest(file, 'events', flags),
      keepAttributes: false,
      onProgress: (p: { phase: string; fraction: number }) => bar.update(p.phase, p.fraction),
    };
    const report = await importFile(store, request);
    bar.done();
    if (report.quarantined > 0) process.stderr.write(importSummary(report));
    return await discover(store, { filter, topVariants: top });
  } finally {
    bar.done();
    await store.close();
  }
}

async function discoverWorkspace(
  flags: TDiscoverFlags,
  filter: TFilter,
  top: number,
): Promise<TDiscovery> {
  // The workspace file is needed only to know what a segment is.
  const segmentPredicate =
    filter.segment === undefined
      ? undefined
      : segmentPredicateFor(await loadWorkspaceDir(flags.workspace), filter.segment);
  const store = await openStore(flags.workspace);
  try {
    return await discover(store, { filter, segmentPredicate, topVariants: top });
  } finally {
    await store.close();
  }
}
