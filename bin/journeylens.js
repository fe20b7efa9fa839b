#!/usr/bin/env node
// Entry point for `npx journeylens`: runs the compiled CLI (built by `npm install` via `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write(
    'journeylens: the CLI is not built yet. Run `npm install` (or `npm run build`) in the repository first.\n',
  );
  process.exit(2);
}
await import(main.href);
