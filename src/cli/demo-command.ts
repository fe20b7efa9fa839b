/**
 * `journeylens demo`: generate the demo company (fixed seed), import it into its workspace
 * store, run the journey analysis, print its summary and write the full reports into the demo
 * folder; then serve the web app on it, with a demo login, until stopped (`--no-serve` for
 * scripts).
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { readConfig } from '../config.js';
import { importFile, type TImportReport } from '../ingest/import.js';
import type { TDataKind } from '../model/fields.js';
import { addUser, ensureAppSchema } from '../service/auth/accounts.js';
import { loadWorkspaceDir } from '../service/workspace-files.js';
import { openStore, storePath } from '../service/workspace-store.js';
import { analysisSummaryMarkdown } from './analysis-markdown.js';
import { UsageError } from './errors.js';
import { importSummary } from './import-report.js';
import { progressBar } from './progress.js';
import { labelsFrom } from './report/labels.js';
import { renderAnalysis, type TReportFormat } from './report/render.js';
import { runAnalysis } from './report/run-analysis.js';
import { serveUntilStopped } from './serve-command.js';

/** The full reports the demo writes into its folder. */
const REPORTS: [TReportFormat, string][] = [
  ['md', 'report.md'],
  ['html', 'report.html'],
  ['json', 'report.json'],
];

type TFlags = {
  seed: string;
  out: string;
  customers?: string;
  serve: boolean;
  top: string;
  port?: string;
};

/** The demo's sign-in; its password is new on every run and printed with the address. */
export const DEMO_EMAIL = 'demo@journeylens.example';

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'generate the demo company, import it, analyze its journeys, print a summary and write the full reports',
    )
    .option('--seed <n>', 'random seed: the same seed gives the same company', '42')
    .option('--out <dir>', 'folder for the demo workspace', 'journeylens-demo')
    .option('--customers <n>', 'number of customers (default 50,000 ≈ 1M events)')
    .option('--top <n>', 'number of top opportunities in the printed summary', '5')
    .option(
      '--no-serve',
      'only generate, import and analyse; do not serve the web app (for scripts)',
    )
    .option(
      '-p, --port <n>',
      'port of the web app (default 8787, or JOURNEYLENS_PORT; 0 picks a free one)',
    )
    .action(async (flags: TFlags) => {
      const seed = wholeNumber('--seed', flags.seed);
      const top = wholeNumber('--top', flags.top);
      const config = readConfig();
      const port = flags.port === undefined ? config.port : wholeNumber('--port', flags.port);
      if (port > 65535) throw new UsageError(`--port ${port}: expected a port number up to 65535`);
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
      const password = randomBytes(12).toString('base64url');
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
        const analysis = await runAnalysis(store, workspace, flags.out);
        const written: string[] = [];
        for (const [format, file] of REPORTS) {
          await writeFile(join(out, file), renderAnalysis(analysis, format, workspace));
          written.push(join(flags.out, file));
        }
        process.stdout.write(
          analysisSummaryMarkdown(analysis, {
            labels: labelsFrom(workspace),
            title: `${workspace.name} (demo, seed ${seed})`,
            top,
          }) + `\nThe full report: ${written.join(', ')}\n`,
        );
        if (flags.serve) {
          await ensureAppSchema(store);
          await addUser(store, { email: DEMO_EMAIL, name: 'Demo admin', role: 'admin', password });
        }
      } finally {
        await store.close();
      }
      process.stderr.write(
        `\nthe demo workspace is ${out} (${summary.customers.toLocaleString('en-US')} customers); ground truth in ${join(out, 'ground-truth.json')}\n` +
          `try: journeylens analyze -w ${flags.out} --format html --out report.html\n` +
          `     journeylens discover -w ${flags.out} --channel phone --format md\n`,
      );
      if (!flags.serve) return;
      await serveUntilStopped({ workspaceDir: out, port, host: config.host }, (url) =>
        process.stdout.write(
          `\nJourneylens on ${url}\n  sign in as ${DEMO_EMAIL} with password ${password}\n  (Ctrl+C stops the server; journeylens serve -w ${flags.out} starts it again)\n`,
        ),
      );
    });
}

function wholeNumber(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${flag} ${value}: expected a whole number`);
  return n;
}
