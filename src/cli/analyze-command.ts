/** `journeylens analyze`: the journey analysis of a workspace as JSON, Markdown or HTML. */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { analyze } from '../service/analyze.js';
import { loadWorkspaceDir } from '../service/workspace-files.js';
import { openStore } from '../service/workspace-store.js';
import { analysisMarkdown } from './analysis-markdown.js';
import { markdownToHtml } from './report-html.js';

type TFlags = { workspace: string; format: 'json' | 'md' | 'html'; out?: string };

export function analyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description(
      'conformance to the ideal journeys, friction, moments of truth, stage metrics and priced opportunities',
    )
    .option('-w, --workspace <dir>', 'workspace folder', '.')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['json', 'md', 'html'])
        .default('md'),
    )
    .option('-o, --out <file>', 'write the report to this file instead of standard output')
    .action(async (flags: TFlags) => {
      const workspace = await loadWorkspaceDir(flags.workspace);
      const store = await openStore(flags.workspace);
      let text: string;
      try {
        const analysis = await analyze(store, workspace);
        const markdown = (): string => analysisMarkdown(analysis, workspace.settings.currency);
        text =
          flags.format === 'json'
            ? JSON.stringify(analysis, null, 1) + '\n'
            : flags.format === 'md'
              ? markdown()
              : markdownToHtml(markdown(), `Journey analysis: ${workspace.name}`, new Date());
      } finally {
        await store.close();
      }
      if (flags.out === undefined) process.stdout.write(text);
      else {
        await writeFile(flags.out, text);
        process.stderr.write(`wrote ${flags.out}\n`);
      }
    });
}
