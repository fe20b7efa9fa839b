/** Prints what an import did: counts, mapping, notes, and the first quarantined records. */
import type { TImportReport } from '../ingest/import.js';

export function importSummary(r: TImportReport): string {
  if (r.alreadyImportedAs !== undefined) {
    return `${r.source}: already imported as import #${r.alreadyImportedAs}; nothing added.\n`;
  }
  const lines = [
    `${r.source}: ${r.accepted.toLocaleString('en-US')} of ${r.records.toLocaleString('en-US')} ${r.kind} records imported` +
      (r.quarantined > 0 ? `, ${r.quarantined.toLocaleString('en-US')} quarantined` : '') +
      (r.duplicates > 0
        ? `, ${r.duplicates.toLocaleString('en-US')} duplicates skipped (their event id was stored already or came earlier in the file)`
        : '') +
      ` (import #${r.importId ?? '?'}).`,
    `  mapping: ${r.mapping.join(', ')}`,
    ...r.notes.map((n) => `  note: ${n}`),
  ];
  if (r.issues.length > 0) {
    lines.push('  quarantined records (record, field: reason):');
    for (const i of r.issues) lines.push(`    record ${i.record}, ${i.field}: ${i.reason}`);
    if (r.quarantined > r.issues.length) {
      lines.push(
        `    … and ${r.quarantined - r.issues.length} more: journeylens quarantine --import ${r.importId ?? ''}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}
