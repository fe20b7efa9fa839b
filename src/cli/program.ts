/**
 * The `journeylens` program. Each subcommand lives in its own module; this file wires them
 * and turns errors into one clear line and an exit code (never a stack trace for bad input).
 */
import { Command, CommanderError } from 'commander';
import { DriverError } from '../analysis/drivers.js';
import { ImportError } from '../ingest/import-error.js';
import { MappingError } from '../ingest/mapping.js';
import { ListenError } from '../server/listen-error.js';
import { StoreBusyError } from '../store/duckdb/duckdb-store.js';
import { UnknownSegmentError } from '../service/segments.js';
import { WorkspaceFileError } from '../service/workspace-files.js';
import { accountCommands } from './account-commands.js';
import { analyzeCommand } from './analyze-command.js';
import { demoCommand } from './demo-command.js';
import { discoverCommand } from './discover-command.js';
import { driversCommand } from './drivers-command.js';
import { EXIT, UsageError } from './errors.js';
import { importCommand } from './import-command.js';
import { initCommand } from './init-command.js';
import { quarantineCommand } from './quarantine-command.js';
import { serveCommand } from './serve-command.js';
import { validateCommand } from './validate-command.js';
import { verbatimsCommand } from './verbatims-command.js';

const USER_ERRORS = [
  UsageError,
  ImportError,
  MappingError,
  UnknownSegmentError,
  WorkspaceFileError,
  DriverError,
  ListenError,
  StoreBusyError,
];

export function buildProgram(): Command {
  const program = new Command('journeylens')
    .description('Journeylens: the designed customer journey meets the measured one.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  initCommand(program);
  validateCommand(program);
  importCommand(program);
  discoverCommand(program);
  analyzeCommand(program);
  driversCommand(program);
  verbatimsCommand(program);
  quarantineCommand(program);
  demoCommand(program);
  serveCommand(program);
  accountCommands(program);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const error = e as Error;
    // WorkspaceLoadError is matched by name: its module loads only when a workspace is read.
    if (USER_ERRORS.some((type) => error instanceof type) || error.name === 'WorkspaceLoadError') {
      process.stderr.write(`journeylens: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`journeylens: unexpected error: ${error.stack ?? error.message}\n`);
    return EXIT.failure;
  }
}
