/**
 * Imports what the generator wrote (`generateDemo({ out })`) into a store, customers first so
 * their events find them: the set-up tests on the demo company share. The `journeylens demo`
 * command imports the same files with progress bars and summaries of its own.
 */
import { join } from 'node:path';
import { importFile, type TImportReport } from '../src/ingest/import.js';
import type { TStore } from '../src/store/store.js';

export const DEMO_DATA = ['customers', 'events', 'feedback'] as const;

export async function importDemoData(store: TStore, out: string): Promise<TImportReport[]> {
  const reports: TImportReport[] = [];
  for (const kind of DEMO_DATA) {
    reports.push(await importFile(store, { path: join(out, 'data', `${kind}.csv`), kind }));
  }
  return reports;
}
