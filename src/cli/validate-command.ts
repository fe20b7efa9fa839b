/** `journeylens validate`: check journeylens.yaml and say what it holds, or list every error. */
import type { Command } from 'commander';
import { loadWorkspaceDir, workspaceFile } from '../service/workspace-files.js';

export function validateCommand(program: Command): void {
  program
    .command('validate')
    .description('check the workspace file: schema, cross-references, activity patterns')
    .option('-w, --workspace <dir>', 'workspace folder', '.')
    .action(async (flags: { workspace: string }) => {
      const ws = await loadWorkspaceDir(flags.workspace);
      const counts = [
        `${ws.stages.length} stages`,
        `${ws.channels.length} channels`,
        `${ws.teams.length} teams`,
        `${ws.segments.length} segments`,
        `${ws.touchpoints.length} touchpoints`,
        `${ws.idealJourneys.length} ideal journeys`,
        `${ws.momentsOfTruth.length} rule-defined moments of truth`,
        `${ws.contactReasons.length} primary contact reasons`,
        `${ws.routing.length} routing rules`,
      ];
      process.stdout.write(`${workspaceFile(flags.workspace)} is valid: ${counts.join(', ')}.\n`);
    });
}
