/**
 * The import flags shared by `journeylens import` and `journeylens discover <file>`, and
 * their translation into an import request.
 */
import { Option, type Command } from 'commander';
import { FIELDS, type TDataKind } from '../model/fields.js';
import { FORMATS, type TFormat } from '../ingest/format.js';
import type { TImportRequest } from '../ingest/import.js';
import { UsageError } from './errors.js';

export type TImportFlags = {
  inputFormat?: TFormat;
  customer?: string;
  case?: string;
  activity?: string;
  timestamp?: string;
  map?: string[];
  sep?: string;
  quote?: string;
  encoding?: 'auto' | 'utf-8' | 'latin-1';
  timestampFormat?: string;
  timezone?: string;
  activityExtract?: string;
};

export function addImportOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--input-format <format>',
        'input file format (default: from the file name)',
      ).choices(FORMATS),
    )
    .option('--case <column>', 'column holding the journey instance (case) id')
    .option('--customer <column>', 'column holding the customer id (default: the case column)')
    .option('--activity <column>', 'column holding the activity name')
    .option('--timestamp <column>', 'column holding the time of the event')
    .option(
      '--map <column=field...>',
      'map any column onto a field, e.g. --map Medium=channel',
      collect,
      [],
    )
    .option(
      '--activity-extract <regex>',
      "keep only the first capture group of activity names, e.g. '^([^-]+)'",
    )
    .option('--sep <char>', 'CSV delimiter (default: detected)')
    .option('--quote <char>', 'CSV quote character (default: ")')
    .addOption(
      new Option('--encoding <encoding>', 'text encoding of a CSV')
        .choices(['auto', 'utf-8', 'latin-1'])
        .default('auto'),
    )
    .option(
      '--timestamp-format <format>',
      "strptime format, e.g. '%d/%m/%Y %H:%M' (default: detected)",
    )
    .option(
      '--timezone <zone>',
      'IANA time zone of timestamps without an offset (default: UTC or the workspace setting)',
    );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Field → column, from the dedicated flags and every --map COL=FIELD. */
export function mappingFrom(kind: TDataKind, flags: TImportFlags): Record<string, string> {
  const mapping: Record<string, string> = {};
  const known = new Set(FIELDS[kind].map((f) => f.name));
  for (const entry of flags.map ?? []) {
    const at = entry.lastIndexOf('=');
    if (at <= 0 || at === entry.length - 1)
      throw new UsageError(`--map ${entry}: expected COLUMN=FIELD, e.g. --map Medium=channel`);
    const column = entry.slice(0, at);
    const field = entry.slice(at + 1).trim();
    if (!known.has(field)) {
      throw new UsageError(
        `--map ${entry}: unknown field "${field}" for ${kind}; the fields are ${[...known].join(', ')}`,
      );
    }
    mapping[field] = column;
  }
  const direct: [string, string | undefined][] = [
    ['customer', flags.customer],
    ['case', flags.case],
    ['activity', flags.activity],
    ['timestamp', flags.timestamp],
  ];
  for (const [field, column] of direct) {
    if (column === undefined) continue;
    if (!known.has(field)) throw new UsageError(`--${field} does not apply to ${kind} files`);
    mapping[field] = column;
  }
  return mapping;
}

export function importRequest(
  path: string,
  kind: TDataKind,
  flags: TImportFlags,
  defaults: { timezone?: string | undefined } = {},
): TImportRequest {
  return {
    path,
    kind,
    format: flags.inputFormat,
    mapping: mappingFrom(kind, flags),
    separator: unescapeSeparator(flags.sep),
    quote: flags.quote,
    encoding: flags.encoding,
    timestampFormat: flags.timestampFormat,
    timezone: flags.timezone ?? defaults.timezone,
    activityExtract: flags.activityExtract,
  };
}

/** Lets users type `--sep '\t'` for a tab. */
function unescapeSeparator(sep: string | undefined): string | undefined {
  if (sep === undefined) return undefined;
  return sep === '\\t' || sep === 'tab' ? '\t' : sep;
}
