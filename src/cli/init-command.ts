/** `journeylens init [dir]`: write a commented starter workspace a CX team can edit. */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { starterWorkspaceYaml } from '../model/starter.js';
import { workspaceFile } from '../service/workspace-files.js';
import { UsageError } from './errors.js';

export function initCommand(program: Command): void {
  program
    .command('init')
    .argument('[dir]', 'workspace folder', '.')
    .description('write a commented starter journeylens.yaml')
    .option('--name <name>', 'company name (default: the folder name)')
    .option('--force', 'overwrite an existing journeylens.yaml')
    .action(async (dir: string, flags: { name?: string; force?: boolean }) => {
      const file = workspaceFile(dir);
      if (existsSync(file) && flags.force !== true) {
        throw new UsageError(`${file} already exists; use --force to overwrite it`);
      }
      await mkdir(dir, { recursive: true });
      await writeFile(file, starterWorkspaceYaml(flags.name ?? basename(resolve(dir))));
      process.stdout.write(
        `wrote ${file}\nnext: edit it, check it with \`journeylens validate -w ${dir}\`, then \`journeylens import -w ${dir} <events file>\`\n`,
      );
    });
}
