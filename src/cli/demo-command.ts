/**
 * `journeylens demo`: generate the demo company (fixed seed), import it into its workspace
 * store and print a discovery summary. Later issues add the analysis and the web app.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { importFile, type TImportReport } from '../ingest/import.js';
import type { TDataKind } from '../model/fields.js';
import { discover } from '../service/discover.js';
import { loadWorkspaceDir } from '../service/workspace-files.js';
import { openStore, storePath } from '../service/workspace-store.js';
import { discoveryMarkdown } from './discovery-markdown.js';
import { UsageError } from './errors.js';
import { importSummary } from './import-report.js';
import { progressBar } from './progress.js';

type TFlags = { seed: string; out: string; customers?: string; serve: boolean; top: string };

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('generate the demo company, import it and summarise its journeys')
    .option('--seed <n>', 'random seed: the same seed gives the same company', '42')
    .option('--out <dir>', 'folder for the demo workspace', 'journeylens-demo')
    .option('--customers <n>', 'number of customers (default 50,000 ≈ 1M events)')
    .option('--top <n>', 'number of top variants in the summary', '10')
    .option(
      '--no-serve',
      'do not start the web app afterwards (the web app comes with a later release)',
    )
    .action(async (flags: TFlags) => {
      const seed = wholeNumber('--seed', flags.seed);
      const customers =
        flags.customers === undefined ? undefined : wholeNumber('--customers', flags.customers);
      const out = resolve(flags.out);
      const bar = progressBar();
      const started = Date.now();
      const { generateDemo } = await import('../../demo/generate.js');
      const summary = await generateDemo({
        seed,
        out,
        ...(customers === undefined ? {} : { customers }),
        onProgress: (done, total) => bar.update('generate', done / total),
      }).finally(() => bar.done());
      process.stderr.write(
        `generated the demo company in ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
      );

      const workspace = await loadWorkspaceDir(out);
      // A fresh store each run: the demo is regenerated, so its data replaces the old.
      await rm(storePath(out), { force: true });
      await rm(`${storePath(out)}.wal`, { force: true });
      const store = await openStore(out);
      try {
        const files: [TDataKind, string][] = [
          ['customers', 'customers.csv'],
          ['events', 'events.csv'],
          ['feedback', 'feedback.csv'],
        ];
        for (const [kind, file] of files) {
          const report: TImportReport = await importFile(store, {
            path: join(out, 'data', file),
            kind,
            timezone: workspace.settings.timezone,
            onProgress: (p) => bar.update(`${kind}`, p.fraction),
          }).finally(() => bar.done());
          process.stderr.write(importSummary(report));
        }
        const discovery = await discover(store, { topVariants: wholeNumber('--top', flags.top) });
        process.stdout.write(
          discoveryMarkdown(discovery, `${workspace.name} (demo, seed ${seed})`),
        );
      } finally {
        await store.close();
      }
      process.stderr.write(
        `\nthe demo workspace is ${out} (${summary.customers.toLocaleString('en-US')} customers); ground truth in ${join(out, 'ground-truth.json')}\n` +
          `try: journeylens discover -w ${flags.out} --channel phone --format md\n`,
      );
      if (flags.serve)
        process.stderr.write('(the web app arrives with a later release; nothing to serve yet)\n');
    });
}

function wholeNumber(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${flag} ${value}: expected a whole number`);
  return n;
}
