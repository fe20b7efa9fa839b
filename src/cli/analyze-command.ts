/** `journeylens analyze`: the journey analysis of a workspace as Markdown, HTML or JSON. */
import { stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import { loadWorkspaceDir } from '../service/workspace-files.js';
import { openStore } from '../service/workspace-store.js';
import { UsageError } from './errors.js';
import { renderAnalysis, REPORT_FORMATS, type TReportFormat } from './report/render.js';
import { runAnalysis } from './report/run-analysis.js';

type TFlags = { workspace: string; format: TReportFormat; out?: string };

export function analyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description(
      'the journey analysis: priced opportunities, friction, conformance to the ideal journeys, moments of truth and stage scorecards',
    )
    .option('-w, --workspace <dir>', 'workspace folder', '.')
    .addOption(
      new Option(
        '--format <format>',
        'md: the report as Markdown; html: one self-contained page with charts, to mail or print; json: every figure, for other tools',
      )
        .choices(REPORT_FORMATS)
        .default('md'),
    )
    .option('-o, --out <file>', 'write the report to this file instead of standard output')
    .addHelpText(
      'after',
      `
Examples:
  journeylens analyze -w acme                                    # Markdown on the terminal
  journeylens analyze -w acme --format html --out report.html    # one file to mail
  journeylens analyze -w acme --format json | jq '.opportunities[:5]'`,
    )
    .action(async (flags: TFlags) => {
      const workspace = await loadWorkspaceDir(flags.workspace);
      // Before the analysis, not after it: a wrong --out should not cost the wait.
      if (flags.out !== undefined) await assertWritableFolder(flags.out);
      const store = await openStore(flags.workspace);
      let text: string;
      try {
        const analysis = await runAnalysis(store, workspace, flags.workspace);
        text = renderAnalysis(analysis, flags.format, workspace);
      } finally {
        await store.close();
      }
      if (flags.out === undefined) {
        process.stdout.write(text);
        return;
      }
      await writeFile(flags.out, text).catch((e: Error) => {
        throw new UsageError(`--out ${flags.out}: cannot write the report: ${e.message}`);
      });
      process.stderr.write(`wrote ${flags.out}\n`);
    });
}

async function assertWritableFolder(file: string): Promise<void> {
  const folder = dirname(file);
  const info = await stat(folder).catch(() => undefined);
  if (info === undefined || !info.isDirectory())
    throw new UsageError(`--out ${file}: the folder ${folder} does not exist`);
}
