/**
 * Import of one batch of records sent over HTTP (POST /api/ingest/...). The body is read into
 * staging rows (batch-body.ts) and then goes through the pipeline of a file import
 * (import-staged.ts): the same mapping by field names and aliases, the same checks, the same
 * quarantine, one transaction. Like a file, a batch is fingerprinted: sending the same bytes
 * again adds nothing and gets the first answer back, which makes retries safe for feedback
 * and customers too, whose records carry no id.
 */
import { createHash } from 'node:crypto';
import type { TDataKind } from '../model/fields.js';
import { raw, sql } from '../query/sql.js';
import type { TStore } from '../store/store.js';
import { readBody, sampleValues, type TBodyFormat } from './batch-body.js';
import {
  importStaged,
  oneImportAtATime,
  recordNumbers,
  SKIPPED_TABLE,
  type TRecordIssue,
} from './import-staged.js';
import { namesField, requiredWithoutColumn } from './mapping.js';
import { TIMESTAMP_SAMPLE } from './timestamp-choice.js';

export { MalformedBody, TooManyRecords, type TBodyFormat } from './batch-body.js';

export type TBatchRequest = {
  kind: TDataKind;
  format: TBodyFormat;
  body: string;
  /** Who sent it and how, as the import's entry shows it. */
  origin: string;
  /** IANA zone for timestamps without an offset (the workspace's). */
  timezone: string;
  maxRecords: number;
  /**
   * Receives the events the batch stored, right after its commit and before the next import
   * into the store begins: batches arrive in commit order. Keep it quick.
   */
  onStored?: (events: TStoredEvent[]) => void;
};

export type TBatchError = { record: number; field: string; reason: string };

export type TBatchReport = {
  /** The import that stored the batch: this one, or the earlier one of the same bytes. */
  importId: number | undefined;
  /** The same bytes had been stored before: the counts and errors are those of that time. */
  replayed: boolean;
  /** Records sent = accepted + duplicates + rejected. */
  records: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** The first errors, in record order, at most `MAX_ERRORS`. */
  errors: TBatchError[];
  /** Errors not listed (they are in the quarantine table). */
  errorsOmitted: number;
  notes: string[];
};

/** How many errors an answer lists. */
export const MAX_ERRORS = 1000;
/** Columns of a batch besides those named like a field: more keys go to the attributes' `_extra`. */
const MAX_COLUMNS = 256;
const STAGE = 'jl_batch';

export async function importBatch(store: TStore, request: TBatchRequest): Promise<TBatchReport> {
  const { kind } = request;
  const body = readBody(request.body, request.format, {
    maxRecords: request.maxRecords,
    maxColumns: MAX_COLUMNS,
    namesField: (key) => namesField(kind, key),
    // A required field no key names: every record is missing it, rather than the batch unmappable.
    addColumns: (columns) =>
      requiredWithoutColumn(
        kind,
        columns.map((name) => ({ name, type: 'text' as const })),
      ).map((f) => f.name),
  });
  if (body.records === 0) return emptyBatch();
  const fingerprint = createHash('sha256')
    .update(`ingest ${request.format}\n`)
    .update(request.body)
    .digest('hex');
  const notes: string[] = [];
  const result = await oneImportAtATime(store, async () => {
    const source = await store.stageText(STAGE, body.columns, batchesOf(body.batches));
    try {
      const imported = await importStaged(
        store,
        {
          source,
          record: await recordNumbers(
            store,
            body.errors.map((e) => e.record),
          ),
          columns: body.columns.map((name) => ({ name, type: 'text' })),
          readerErrors: body.errors,
          rows: body.batches.reduce((n, b) => n + b.length, 0),
          values: (column) => sampleValues(body, column, TIMESTAMP_SAMPLE),
        },
        {
          kind,
          origin: request.origin,
          fingerprint,
          options: { format: request.format },
          mapping: {},
          timestampFormat: undefined,
          isoWhenUndecided: true,
          timezone: request.timezone,
          activityExtract: undefined,
          keepAttributes: true,
          issuesShown: MAX_ERRORS,
          notes,
          progress: () => {},
        },
      );
      // Read before the next import may begin, so that batches reach `onStored` in commit order.
      if (request.onStored !== undefined && kind === 'events' && imported.accepted > 0) {
        request.onStored(await storedEvents(store, imported.importId ?? -1));
      }
      return imported;
    } finally {
      await store.dropStaged(STAGE);
      await store.exec(sql`DROP TABLE IF EXISTS ${raw(SKIPPED_TABLE)}`);
    }
  });
  if (result.alreadyImportedAs !== undefined) return replay(store, result.alreadyImportedAs);
  return {
    importId: result.importId,
    replayed: false,
    records: result.records,
    accepted: result.accepted,
    duplicates: result.duplicates,
    rejected: result.quarantined,
    errors: result.issues.map(withoutRaw),
    errorsOmitted: await omitted(store, result.importId, result.issues.length),
    notes,
  };
}

/** The answer of an earlier import of the same bytes: everything it stored is a duplicate now. */
async function replay(store: TStore, importId: number): Promise<TBatchReport> {
  const [before] = await store.all<{
    records: number;
    accepted: number;
    quarantined: number;
    duplicates: number;
  }>(
    sql`SELECT records, accepted, quarantined, duplicates FROM imports WHERE import_id = ${importId}`,
  );
  const errors = await store.all<TBatchError>(
    sql`SELECT record, field, reason FROM quarantine WHERE import_id = ${importId}
      ORDER BY record, field LIMIT ${MAX_ERRORS}`,
  );
  return {
    importId,
    replayed: true,
    records: before?.records ?? 0,
    accepted: 0,
    duplicates: (before?.accepted ?? 0) + (before?.duplicates ?? 0),
    rejected: before?.quarantined ?? 0,
    errors,
    errorsOmitted: await omitted(store, importId, errors.length),
    notes: [`the same batch was stored before as import #${importId}: nothing added`],
  };
}

async function omitted(
  store: TStore,
  importId: number | undefined,
  shown: number,
): Promise<number> {
  if (importId === undefined || shown < MAX_ERRORS) return 0;
  const [row] = await store.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM quarantine WHERE import_id = ${importId}`,
  );
  return (row?.n ?? shown) - shown;
}

function withoutRaw({ record, field, reason }: TRecordIssue): TBatchError {
  return { record, field, reason };
}

function emptyBatch(): TBatchReport {
  return {
    importId: undefined,
    replayed: false,
    records: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    errors: [],
    errorsOmitted: 0,
    notes: [],
  };
}

function batchesOf<T>(batches: readonly T[]): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: () => {
      const items = batches[Symbol.iterator]();
      return { next: () => Promise.resolve(items.next()) };
    },
  };
}

export type TStoredEvent = {
  seq: number;
  event_id: string | null;
  customer_id: string;
  case_id: string | null;
  ts: Date;
  activity: string;
  channel: string | null;
  outcome: string | null;
  reason: string | null;
};

/** The events an import stored, in ingest order. */
function storedEvents(store: TStore, importId: number): Promise<TStoredEvent[]> {
  return store.all<TStoredEvent>(
    sql`SELECT seq, event_id, customer_id, case_id, ts, activity, channel, outcome, reason
      FROM events WHERE import_id = ${importId} ORDER BY seq`,
  );
}
