/** Process entry of the `journeylens` command (see program.ts). */
import { run } from './program.js';

process.exitCode = await run(process.argv.slice(2));
