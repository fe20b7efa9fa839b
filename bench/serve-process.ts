/**
 * A real `journeylens serve` in its own process, on a free loopback port, for the ingest
 * crash test (test/server-crash.test.ts), the ingest load benchmark (bench/ingest-load.ts) and
 * the browser tests (e2e/): a fresh workspace whose accounts are made through the CLI, as an
 * operator would.
 * Needs the built CLI (`npm run build`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

/** The repository root, from bench/ or from dist/bench/. */
function repoRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'bin', 'journeylens.js'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find bin/journeylens.js above ' + import.meta.dirname);
    dir = up;
  }
  return dir;
}

export const BIN = join(repoRoot(), 'bin', 'journeylens.js');

export type TCliRun = { code: number | null; stdout: string; stderr: string };

export function runCli(args: readonly string[], stdin?: string): Promise<TCliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (stdin !== undefined) child.stdin?.end(`${stdin}\n`);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A new workspace (starter journeylens.yaml) and an API token with scope ingest. */
export async function newWorkspace(prefix = 'jl-serve-'): Promise<{ dir: string; token: string }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const init = await runCli(['init', dir]);
  if (init.code !== 0) throw new Error(`journeylens init failed: ${init.stderr}`);
  const token = await runCli(['token', 'add', '-w', dir, '--name', 'load', '--scopes', 'ingest']);
  if (token.code !== 0) throw new Error(`journeylens token add failed: ${token.stderr}`);
  return { dir, token: token.stdout.trim() };
}

/** The demo company (fixed seed, `customers` of them) analysed in a new folder, with an admin. */
export async function newDemoWorkspace(
  customers: number,
  prefix = 'jl-demo-',
): Promise<{ dir: string; email: string; password: string }> {
  // A relative prefix is made in the system's temporary folder.
  const dir = await mkdtemp(isAbsolute(prefix) ? prefix : join(tmpdir(), prefix));
  const demo = await runCli(['demo', '--no-serve', '--customers', String(customers), '--out', dir]);
  if (demo.code !== 0) throw new Error(`journeylens demo failed: ${demo.stderr}`);
  const email = 'e2e@journeylens.example';
  const password = 'an e2e password of enough length';
  const user = await runCli(
    ['user', 'add', '-w', dir, '--email', email, '--role', 'admin', '--password-stdin'],
    password,
  );
  if (user.code !== 0) throw new Error(`journeylens user add failed: ${user.stderr}`);
  return { dir, email, password };
}

export type TServeProcess = {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
};

/** Starts `journeylens serve -w DIR --port 0` and waits until it listens. */
export function startServe(dir: string, env: Record<string, string> = {}): Promise<TServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '-w', dir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`journeylens serve did not start within 30 s: ${out}`));
    }, 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /Journeylens on (http:\/\/\S+)/.exec(out)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve({ url, child, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`journeylens serve exited with ${code} before listening: ${out}`));
    });
  });
}
