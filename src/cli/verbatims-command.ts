/** `journeylens verbatims`: search what customers wrote, tied to touchpoints and stages. */
import { Option, type Command } from 'commander';
import type { TSentimentLabel } from '../analysis/verbatims/sentiment.js';
import { searchFeedback, type TVerbatimHit } from '../service/verbatims.js';
import { loadWorkspaceDir } from '../service/workspace-files.js';
import { openStore } from '../service/workspace-store.js';
import { UsageError } from './errors.js';

type TFlags = {
  workspace: string;
  search: string;
  touchpoint?: string;
  stage?: string;
  sentiment?: TSentimentLabel;
  limit: string;
  format: 'md' | 'json';
};

export function verbatimsCommand(program: Command): void {
  program
    .command('verbatims')
    .description('search the verbatims of the workspace, tied to touchpoints and stages')
    .requiredOption('-s, --search <text>', 'words or a phrase to find (case is ignored)')
    .option('-w, --workspace <dir>', 'workspace folder', '.')
    .option('--touchpoint <id>', 'only verbatims tied to this touchpoint')
    .option('--stage <name>', 'only verbatims tied to this stage')
    .addOption(
      new Option('--sentiment <label>', 'only verbatims of this sentiment').choices([
        'negative',
        'neutral',
        'positive',
      ]),
    )
    .option('--limit <n>', 'at most this many verbatims', '20')
    .addOption(
      new Option('--format <format>', 'output format').choices(['md', 'json']).default('md'),
    )
    .addHelpText(
      'after',
      `
Examples:
  journeylens verbatims -w acme --search "refund"
  journeylens verbatims -w acme --search "still waiting" --touchpoint phone-agent --sentiment negative`,
    )
    .action(async (flags: TFlags) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        throw new UsageError(`--limit ${flags.limit}: expected a whole number of at least 1`);
      }
      const workspace = await loadWorkspaceDir(flags.workspace);
      if (
        flags.touchpoint !== undefined &&
        !workspace.touchpoints.some((t) => t.id === flags.touchpoint)
      ) {
        throw new UsageError(
          `--touchpoint ${flags.touchpoint}: the workspace has no such touchpoint`,
        );
      }
      if (flags.stage !== undefined && !workspace.stages.includes(flags.stage)) {
        throw new UsageError(
          `--stage ${flags.stage}: the workspace's stages are ${workspace.stages.join(', ')}`,
        );
      }
      const store = await openStore(flags.workspace);
      try {
        const result = await searchFeedback(store, workspace, {
          text: flags.search,
          ...(flags.touchpoint === undefined ? {} : { touchpoint: flags.touchpoint }),
          ...(flags.stage === undefined ? {} : { stage: flags.stage }),
          ...(flags.sentiment === undefined ? {} : { sentiment: flags.sentiment }),
          limit,
        });
        process.stdout.write(
          flags.format === 'json'
            ? JSON.stringify(result, null, 1) + '\n'
            : markdown(flags.search, result.searched, result.hits),
        );
      } finally {
        await store.close();
      }
    });
}

/** One block per hit: where it was said, the score, and the quote with matches in bold. */
function markdown(search: string, searched: number, hits: readonly TVerbatimHit[]): string {
  const out = [
    `# Verbatims with "${search}"`,
    '',
    `${hits.length} shown of ${searched.toLocaleString('en-US')} verbatims searched.`,
    '',
  ];
  for (const h of hits) {
    const where = [h.touchpoint, h.stage].filter((x) => x !== undefined).join(', ') || 'not tied';
    out.push(
      `- **${h.kind} ${h.score}** · ${where} · ${h.answeredAt.slice(0, 10)}${h.sentiment ? ` · ${h.sentiment.label}` : ''}`,
      `  > ${bold(h.quote.text, h.quote.highlights)}`,
    );
  }
  return out.join('\n') + '\n';
}

function bold(text: string, highlights: readonly [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of highlights) {
    out += text.slice(at, start) + '**' + text.slice(start, end) + '**';
    at = end;
  }
  return (out + text.slice(at)).replace(/\s+/g, ' ');
}
