import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('replaces the file, keeps its permissions and leaves no temporary file', async () => {
  const file = join(dir, 'journeylens.yaml');
  await writeFile(file, 'name: Old\n');
  await chmod(file, 0o640);
  await writeFileAtomic(file, 'name: New\n');
  expect(await readFile(file, 'utf8')).toBe('name: New\n');
  expect((await stat(file)).mode & 0o777).toBe(0o640);
  expect(await readdir(dir)).toEqual(['journeylens.yaml']);
});

it('creates a file that does not exist yet', async () => {
  await writeFileAtomic(join(dir, 'new.yaml'), 'name: New\n');
  expect(await readFile(join(dir, 'new.yaml'), 'utf8')).toBe('name: New\n');
});

it('leaves the old state and no temporary file when the rename fails', async () => {
  // A folder with something in it cannot be replaced by a file.
  const target = join(dir, 'journeylens.yaml');
  await mkdir(target);
  await writeFile(join(target, 'keep'), 'x');
  await expect(writeFileAtomic(target, 'name: New\n')).rejects.toThrow();
  expect(await readdir(dir)).toEqual(['journeylens.yaml']);
  expect(await readdir(target)).toEqual(['keep']);
});
