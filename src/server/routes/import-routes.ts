/**
 * File import over HTTP, for the import screen: `POST /api/import/preview` reads an uploaded
 * file as `journeylens import` would and shows what it holds (format, columns, first rows,
 * the mapping the column names propose); `POST /api/import` imports it with the mapping the
 * person chose. Both take `multipart/form-data` with the file and its kind.
 *
 * The upload is written to a temporary file and handed to the CLI's own pipeline
 * (src/ingest/import.ts) on the store's writer: the same readers, mapping, checks,
 * quarantine, one transaction, and the same fingerprint, so the same bytes imported again add
 * nothing. Never a second set of checks here.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_KINDS, FIELDS, type TDataKind } from '../../model/fields.js';
import { formatOf } from '../../ingest/format.js';
import { ImportError, importFile } from '../../ingest/import.js';
import { previewFile } from '../../ingest/import-preview.js';
import { MappingError } from '../../ingest/mapping.js';
import { sql } from '../../query/sql.js';
import type { TStore } from '../../store/store.js';
import { describePrincipal } from '../../service/auth/roles.js';
import { loadWorkspaceIfAny } from '../../service/workspace-files.js';
import type { TRouteModule } from '../app.js';
import { principalOf } from '../auth.js';
import type { TAppEnv } from '../context.js';
import { errorResponse, fail } from '../errors.js';
import { MODEL_EDITORS, protectedRoute } from '../route.js';
import { jsonResponse } from '../openapi-content.js';

/** Errors an import answer lists (all of them are in the quarantine table). */
export const IMPORT_ERRORS_SHOWN = 1000;
const PREVIEW_ROWS = 20;
const IMPORTERS = { roles: MODEL_EDITORS, scopes: ['ingest'] } as const;

const ZColumn = z.object({
  name: z.string(),
  type: z.enum(['text', 'number', 'timestamp', 'timestamptz', 'other']),
});

const ZField = z.object({
  name: z.string().openapi({ example: 'activity' }),
  required: z.boolean(),
  help: z.string(),
  aliases: z.array(z.string()),
});

const ZPreview = z
  .object({
    fileName: z.string(),
    kind: z.enum(DATA_KINDS),
    format: z.enum(['csv', 'jsonl', 'parquet', 'xes']),
    columns: z.array(ZColumn),
    records: z.number().int().openapi({ description: 'records in the file' }),
    unreadable: z
      .number()
      .int()
      .openapi({ description: 'records the reader cannot read (they would be quarantined)' }),
    rows: z.array(z.array(z.string().nullable())).openapi({
      description: `the first ${PREVIEW_ROWS} records, one value per column`,
    }),
    fields: z.array(ZField).openapi({ description: 'the fields of the kind, in order' }),
    mapping: z.record(z.string(), z.string()).openapi({
      description: "field → column, as the columns' names propose it",
    }),
    notes: z.array(z.string()),
  })
  .openapi('ImportPreview');

const ZImportResult = z
  .object({
    fileName: z.string(),
    kind: z.enum(DATA_KINDS),
    format: z.enum(['csv', 'jsonl', 'parquet', 'xes']),
    importId: z.number().int().nullable().openapi({ description: 'null: nothing was added' }),
    alreadyImportedAs: z.number().int().nullable().openapi({
      description: 'the same bytes were imported before as this import: nothing added',
    }),
    records: z.number().int().openapi({ description: 'accepted + quarantined + duplicates' }),
    accepted: z.number().int(),
    duplicates: z.number().int(),
    quarantined: z.number().int(),
    errors: z.array(z.object({ record: z.number().int(), field: z.string(), reason: z.string() })),
    errorsOmitted: z.number().int(),
    mapping: z.array(z.string()).openapi({ example: ['activity ← "Event"'] }),
    notes: z.array(z.string()),
  })
  .openapi('ImportResult');

const upload = (extra: Record<string, object>) => ({
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object' as const,
        required: ['file', 'kind'],
        properties: {
          file: {
            type: 'string' as const,
            format: 'binary',
            description: 'CSV, JSON Lines, Parquet or XES (.gz too); the name gives the format',
          },
          kind: { type: 'string' as const, enum: [...DATA_KINDS] },
          ...extra,
        },
      },
    },
  },
});

const refusals = {
  400: errorResponse(
    'no file or kind, a mapping that does not fit the file, or a file that cannot be read',
  ),
  413: errorResponse('the upload is over the size limit (JOURNEYLENS_MAX_BODY_MB)'),
  415: errorResponse('not multipart/form-data'),
};

const previewRoute = protectedRoute(IMPORTERS, {
  method: 'post',
  path: '/api/import/preview',
  tags: ['ingest'],
  summary: 'Read an uploaded file as an import would, without storing anything',
  request: { body: upload({}) },
  responses: {
    200: jsonResponse(ZPreview, 'the format, columns, first rows and proposed mapping'),
    ...refusals,
  },
});

const importRoute = protectedRoute(IMPORTERS, {
  method: 'post',
  path: '/api/import',
  tags: ['ingest'],
  summary: 'Import an uploaded file (as journeylens import does) with a chosen mapping',
  description:
    'Bad records are quarantined with their record number, field and reason; the good ones are stored. The same bytes imported again add nothing.',
  request: {
    body: upload({
      mapping: {
        type: 'string',
        description:
          'JSON object field → column; null leaves a field unmapped; fields not named map by their aliases',
        example: '{"activity":"Event","channel":null}',
      },
    }),
  },
  responses: {
    200: jsonResponse(ZImportResult, 'imported (committed): counts and the quarantined records'),
    ...refusals,
  },
});

type TUpload = { kind: TDataKind; fileName: string; path: string; mapping: unknown };
type TRefusal = { status: 400 | 415; code: string; message: string };

/** Reads the multipart body into a temporary file; the caller removes `dir`. */
async function receive(c: Context<TAppEnv>, dir: string): Promise<TUpload | TRefusal> {
  const type = c.req.header('content-type')?.toLowerCase() ?? '';
  if (!type.startsWith('multipart/form-data')) {
    return {
      status: 415,
      code: 'unsupported_media_type',
      message: 'send multipart/form-data with the file in "file" and its kind in "kind"',
    };
  }
  let form: Record<string, string | File>;
  try {
    form = await c.req.parseBody();
  } catch (e) {
    return { status: 400, code: 'malformed_body', message: (e as Error).message };
  }
  const { file, kind, mapping } = form;
  if (!(file instanceof File)) {
    return { status: 400, code: 'invalid', message: 'file: send the file in the "file" field' };
  }
  if (typeof kind !== 'string' || !(DATA_KINDS as readonly string[]).includes(kind)) {
    return {
      status: 400,
      code: 'invalid',
      message: `kind: expected one of ${DATA_KINDS.join(', ')}, got ${JSON.stringify(kind ?? null)}`,
    };
  }
  const fileName = file.name === '' ? 'upload' : file.name.replace(/^.*[\\/]/, '');
  if (formatOf(fileName) === undefined) {
    return {
      status: 400,
      code: 'invalid',
      message: `${fileName}: cannot tell the format from the file name; send a .csv, .tsv, .jsonl, .ndjson, .json, .parquet or .xes file (.gz too)`,
    };
  }
  let parsed: unknown;
  if (typeof mapping === 'string' && mapping.trim() !== '') {
    try {
      parsed = JSON.parse(mapping);
    } catch (e) {
      return {
        status: 400,
        code: 'invalid',
        message: `mapping: not JSON: ${(e as Error).message}`,
      };
    }
  }
  // The name keeps its extension (the format), never a path of the sender's choosing.
  const path = join(dir, `upload-${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}`);
  await writeFile(path, new Uint8Array(await file.arrayBuffer()));
  return { kind: kind as TDataKind, fileName, path, mapping: parsed };
}

/** `{ field: column | null }` → the explicit mapping and the fields left unmapped. */
function mappingOf(
  kind: TDataKind,
  value: unknown,
): { mapping: Record<string, string>; unmapped: string[] } | string {
  if (value === undefined) return { mapping: {}, unmapped: [] };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'mapping: expected a JSON object field → column, e.g. {"activity":"Event"}';
  }
  const known = FIELDS[kind].map((f) => f.name);
  const mapping: Record<string, string> = {};
  const unmapped: string[] = [];
  for (const [field, column] of Object.entries(value)) {
    if (!known.includes(field)) {
      return `mapping: unknown field "${field}" for ${kind}; the fields are ${known.join(', ')}`;
    }
    if (column === null || column === '') unmapped.push(field);
    else if (typeof column === 'string') mapping[field] = column;
    else return `mapping.${field}: expected a column name or null`;
  }
  return { mapping, unmapped };
}

/** The workspace's time zone for times without an offset, as the CLI reads it. */
async function timezoneOf(workspaceDir: string, notes: string[]): Promise<string> {
  if (workspaceDir === ':memory:') return 'UTC';
  try {
    return (await loadWorkspaceIfAny(workspaceDir))?.settings.timezone ?? 'UTC';
  } catch {
    notes.push('journeylens.yaml does not validate: times without an offset were read as UTC');
    return 'UTC';
  }
}

/** Errors of the import beyond the ones listed (a record may have one per field). */
async function omitted(store: TStore, importId: number | undefined, shown: number) {
  if (importId === undefined || shown < IMPORT_ERRORS_SHOWN) return 0;
  const [row] = await store.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM quarantine WHERE import_id = ${importId}`,
  );
  return Number(row?.n ?? shown) - shown;
}

export const importRoutes: TRouteModule = (app) => {
  /** Runs `work` on the upload in a temporary folder, turning import errors into 400s. */
  async function withUpload<R>(c: Context<TAppEnv>, work: (u: TUpload) => Promise<R>) {
    const dir = await mkdtemp(join(tmpdir(), 'jl-upload-'));
    try {
      const received = await receive(c, dir);
      if ('status' in received) {
        return received.status === 400
          ? fail(c, 400, received.code, received.message)
          : fail(c, 415, received.code, received.message);
      }
      try {
        return await work(received);
      } catch (e) {
        if (e instanceof ImportError || e instanceof MappingError) {
          // Messages name the file: the sender's name, not the temporary one.
          const message = e.message.replaceAll(received.path, received.fileName);
          return fail(c, 400, e instanceof MappingError ? 'mapping' : 'unreadable', message);
        }
        throw e;
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  app.openapi(previewRoute, (c) =>
    withUpload(c, async (u) => {
      const preview = await previewFile(c.var.ctx.store, {
        path: u.path,
        kind: u.kind,
        rows: PREVIEW_ROWS,
      });
      return c.json(
        {
          fileName: u.fileName,
          ...preview,
          fields: FIELDS[u.kind].map(({ name, required, help, aliases }) => ({
            name,
            required,
            help,
            aliases: [...aliases],
          })),
        },
        200,
      );
    }),
  );

  app.openapi(importRoute, (c) =>
    withUpload(c, async (u) => {
      const { ctx } = c.var;
      const chosen = mappingOf(u.kind, u.mapping);
      if (typeof chosen === 'string') return fail(c, 400, 'invalid', chosen);
      const notes: string[] = [];
      const who = describePrincipal(principalOf(c.var.principal));
      const report = await importFile(ctx.store, {
        path: u.path,
        kind: u.kind,
        mapping: chosen.mapping,
        unmapped: chosen.unmapped,
        timezone: await timezoneOf(ctx.workspaceDir, notes),
        origin: `upload ${JSON.stringify(u.fileName)} by ${who} (request ${c.var.requestId})`,
        issuesShown: IMPORT_ERRORS_SHOWN,
      });
      return c.json(
        {
          fileName: u.fileName,
          kind: u.kind,
          format: report.format,
          importId: report.importId ?? null,
          alreadyImportedAs: report.alreadyImportedAs ?? null,
          records: report.records,
          accepted: report.accepted,
          duplicates: report.duplicates,
          quarantined: report.quarantined,
          errors: report.issues.map(({ record, field, reason }) => ({ record, field, reason })),
          errorsOmitted: await omitted(ctx.store, report.importId, report.issues.length),
          mapping: report.mapping,
          notes: [...notes, ...report.notes],
        },
        200,
      );
    }),
  );
};
