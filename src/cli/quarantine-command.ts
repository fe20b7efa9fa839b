/** `journeylens quarantine`: the records an import set aside, with record, field and reason. */
import { Option, type Command } from 'commander';
import { sql } from '../query/sql.js';
import { openStore } from '../service/workspace-store.js';
import { UsageError } from './errors.js';

type TFlags = { workspace: string; import?: string; format: 'text' | 'csv'; limit: string };
type TRow = {
  import_id: number;
  source: string;
  record: number;
  field: string;
  reason: string;
  raw: string | null;
};

export function quarantineCommand(program: Command): void {
  program
    .command('quarantine')
    .description(
      'list quarantined records (record, field, reason, raw record) of the workspace store',
    )
    .option('-w, --workspace <dir>', 'workspace folder', '.')
    .option('--import <id>', 'only this import (its number is printed by `journeylens import`)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'csv']).default('text'),
    )
    .option('--limit <n>', 'at most this many rows (0: all)', '100')
    .action(async (flags: TFlags) => {
      const importId = flags.import === undefined ? undefined : Number(flags.import);
      if (importId !== undefined && !Number.isInteger(importId)) {
        throw new UsageError(`--import ${flags.import}: expected an import number`);
      }
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 0)
        throw new UsageError(`--limit ${flags.limit}: expected a whole number`);
      const store = await openStore(flags.workspace);
      try {
        const rows = await store.all<TRow>(sql`
          SELECT q.import_id, i.source, q.record, q.field, q.reason, q.raw
          FROM quarantine q JOIN imports i USING (import_id)
          WHERE ${importId === undefined ? sql`true` : sql`q.import_id = ${importId}`}
          ORDER BY q.import_id, q.record, q.field
          LIMIT ${limit === 0 ? Number.MAX_SAFE_INTEGER : limit}`);
        process.stdout.write(flags.format === 'csv' ? asCsv(rows) : asText(rows));
      } finally {
        await store.close();
      }
    });
}

function asText(rows: TRow[]): string {
  if (rows.length === 0) return 'no quarantined records\n';
  return (
    rows
      .map(
        (r) =>
          `#${r.import_id} ${r.source} record ${r.record}, ${r.field}: ${r.reason}\n    ${r.raw ?? ''}`,
      )
      .join('\n') + '\n'
  );
}

function asCsv(rows: TRow[]): string {
  const cell = (v: string | number | null): string => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const header = 'import,source,record,field,reason,raw';
  return (
    [
      header,
      ...rows.map((r) =>
        [r.import_id, r.source, r.record, r.field, r.reason, r.raw].map(cell).join(','),
      ),
    ].join('\n') + '\n'
  );
}
