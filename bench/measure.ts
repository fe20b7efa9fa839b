/**
 * Runs one command as its own process and measures wall time from spawn to exit (process
 * start included, as a user would wait) and peak resident memory (GNU time's max RSS).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export type TMeasurement = { seconds: number; peakMb: number | undefined; stdout: string };

const GNU_TIME = '/usr/bin/time';

export async function measure(
  command: string,
  args: readonly string[],
  cwd?: string,
): Promise<TMeasurement> {
  const timed = existsSync(GNU_TIME);
  const [cmd, argv] = timed
    ? [GNU_TIME, ['-f', 'JL_PEAK_KB=%M', command, ...args]]
    : [command, [...args]];
  const started = process.hrtime.bigint();
  const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`);
  const peak = /JL_PEAK_KB=(\d+)/.exec(stderr);
  return { seconds, peakMb: peak ? Number(peak[1]) / 1024 : undefined, stdout };
}

/** Median of repeated runs (the first run also warms the page cache). */
export async function measureMedian(
  runs: number,
  command: string,
  args: readonly string[],
  before?: () => Promise<void>,
): Promise<TMeasurement> {
  const all: TMeasurement[] = [];
  for (let i = 0; i < runs; i++) {
    if (before) await before();
    all.push(await measure(command, args));
  }
  all.sort((a, b) => a.seconds - b.seconds);
  const median = all[Math.floor(all.length / 2)];
  if (!median) throw new Error('no runs');
  return median;
}
