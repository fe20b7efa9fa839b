/** Runs the built `journeylens` command as a user would, in its own process. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..');
export const BIN = join(REPO, 'bin', 'journeylens.js');

export type TCliResult = { code: number | null; stdout: string; stderr: string };

export function assertBuilt(): void {
  if (!existsSync(join(REPO, 'dist', 'src', 'cli', 'main.js'))) {
    throw new Error('the CLI is not built: run `npm run build` (npm test does it first)');
  }
}

export function cli(args: readonly string[], options: { cwd?: string } = {}): Promise<TCliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
