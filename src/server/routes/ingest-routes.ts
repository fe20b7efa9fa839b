/**
 * Batch ingest: `POST /api/ingest/events`, `/customers`, `/feedback` with a JSON array of
 * records or NDJSON. Each batch goes through the pipeline of a file import
 * (src/ingest/import-batch.ts) — never a second set of checks — and is answered 200 only
 * after its transaction committed, with what was accepted, skipped as a duplicate and
 * rejected (record by record). Then its events go to the ingest bus, in commit order.
 * Timestamps without an offset are read in the workspace's time zone.
 */
import { z } from '@hono/zod-openapi';
import { stat } from 'node:fs/promises';
import { DATA_KINDS, FIELDS, type TDataKind } from '../../model/fields.js';
import {
  importBatch,
  MalformedBody,
  TooManyRecords,
  type TBodyFormat,
  type TStoredEvent,
} from '../../ingest/import-batch.js';
import { describePrincipal } from '../../service/auth/roles.js';
import { loadWorkspaceIfAny, workspaceFile } from '../../service/workspace-files.js';
import type { TRouteModule } from '../app.js';
import { principalOf } from '../auth.js';
import type { IngestBus } from '../ingest-bus.js';
import type { TLogger } from '../log.js';
import { ZError } from '../errors.js';
import { MODEL_EDITORS, protectedRoute } from '../route.js';
import { jsonResponse } from '../openapi-content.js';

/** Records per batch: beyond, 413 (a 32 MB body of tiny records would be millions). */
export const MAX_BATCH_RECORDS = 100_000;

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl'];

const ZIngestResult = z
  .object({
    accepted: z.number().int().openapi({ description: 'records stored' }),
    duplicates: z.number().int().openapi({
      description:
        'events not stored again: their event_id was stored already or came earlier in the batch (or the same batch was sent before)',
    }),
    rejected: z.number().int().openapi({ description: 'records not stored: see errors' }),
    errors: z
      .array(
        z.object({
          record: z.number().int().openapi({ description: '1-based number in the batch' }),
          field: z.string().openapi({ example: 'timestamp' }),
          reason: z.string().openapi({ example: 'cannot read "yesterday" as a timestamp' }),
        }),
      )
      .openapi({ description: 'the first 1,000 errors, in record order' }),
    errorsOmitted: z.number().int().openapi({ description: 'errors beyond the ones listed' }),
    importId: z.number().int().nullable().openapi({
      description: 'the import that stored the batch (journeylens quarantine --import N)',
    }),
    replayed: z.boolean().openapi({
      description: 'the same bytes were stored before: counts and errors are those of that time',
    }),
    notes: z.array(z.string()),
  })
  .openapi('IngestResult');

function ingestRoute(kind: TDataKind) {
  return protectedRoute(
    { roles: MODEL_EDITORS, scopes: ['ingest'] },
    {
      method: 'post',
      path: `/api/ingest/${kind}`,
      tags: ['ingest'],
      summary: `Store a batch of ${kind}: a JSON array of records, or NDJSON`,
      description:
        'Field names as in docs/data-formats.md (canonical names or their aliases); other keys are kept as attributes. ' +
        (kind === 'events'
          ? 'An event whose event_id is stored already is a duplicate and is not stored again. '
          : '') +
        'Sending the same bytes again adds nothing and answers as the first time.',
      request: {
        body: {
          required: true,
          content: {
            'application/json': { schema: { type: 'array', items: recordSchema(kind) } },
            'application/x-ndjson': {
              schema: { type: 'string', description: 'one JSON object per line' },
              itemSchema: recordSchema(kind),
            },
          },
        },
      },
      responses: {
        200: jsonResponse(
          ZIngestResult,
          'the batch is stored (committed): what was accepted, skipped, rejected',
        ),
        400: jsonResponse(
          ZError,
          'the body is not JSON, or a line of NDJSON is not: nothing stored',
        ),
        413: jsonResponse(
          ZError,
          `the body is over the size limit, or holds more than ${MAX_BATCH_RECORDS.toLocaleString('en-US')} records`,
        ),
        415: jsonResponse(ZError, 'neither application/json nor application/x-ndjson'),
      },
    },
  );
}

/** The OpenAPI description of one record: its fields, and room for attributes. */
function recordSchema(kind: TDataKind) {
  const properties = Object.fromEntries(
    FIELDS[kind].map((f) => {
      const types: ('number' | 'string')[] =
        f.type === 'number' ? ['number', 'string'] : ['string', 'number'];
      return [
        f.name,
        {
          type: types,
          description: `${f.help}${f.required ? ' (required)' : ''}; also read from: ${f.aliases.join(', ')}`,
        },
      ];
    }),
  );
  return { type: 'object' as const, properties, additionalProperties: true };
}

export const ingestRoutes: TRouteModule = (app, services) => {
  const zone = new WorkspaceZone();
  const published = new Publisher();
  services.onStart(async () => {
    await zone.of(services.context.workspaceDir, services.context.log);
  });
  for (const kind of DATA_KINDS) {
    app.openapi(ingestRoute(kind), async (c) => {
      const { ctx } = c.var;
      const format = bodyFormat(c.req.header('content-type'));
      if (format === undefined) {
        return c.json(
          refusal(
            'unsupported_media_type',
            'send a JSON array (Content-Type: application/json) or one record per line (Content-Type: application/x-ndjson)',
          ),
          415,
        );
      }
      const body = await c.req.text();
      const who = describePrincipal(principalOf(c.var.principal));
      let done: Promise<void> | undefined;
      try {
        const report = await importBatch(ctx.store, {
          kind,
          format,
          body,
          origin: `POST ${c.req.path} by ${who} (request ${c.var.requestId})`,
          timezone: await zone.of(ctx.workspaceDir, ctx.log),
          maxRecords: MAX_BATCH_RECORDS,
          // Called in commit order, so the live parts see batches in the order they were stored.
          onStored: (events) => {
            done = published.publish(ctx.ingested, events);
          },
        });
        await done;
        return c.json(
          {
            accepted: report.accepted,
            duplicates: report.duplicates,
            rejected: report.rejected,
            errors: report.errors,
            errorsOmitted: report.errorsOmitted,
            importId: report.importId ?? null,
            replayed: report.replayed,
            notes: report.notes,
          },
          200,
        );
      } catch (e) {
        if (e instanceof MalformedBody) return c.json(refusal('malformed_body', e.message), 400);
        if (e instanceof TooManyRecords) return c.json(refusal('too_large', e.message), 413);
        throw e;
      }
    });
  }
};

/** The error shape of `fail` (src/server/errors.ts), typed for the route's declared answers. */
function refusal(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

function bodyFormat(contentType: string | undefined): TBodyFormat | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  return type !== undefined && NDJSON_TYPES.includes(type) ? 'ndjson' : undefined;
}

/** Publishes stored batches one after the other, in the order they were handed over. */
class Publisher {
  private tail: Promise<void> = Promise.resolve();

  publish(bus: IngestBus, events: readonly TStoredEvent[]): Promise<void> {
    const batch = {
      kind: 'events' as const,
      events: events.map((e) => ({
        seq: e.seq,
        eventId: e.event_id,
        customerId: e.customer_id,
        caseId: e.case_id,
        ts: e.ts,
        activity: e.activity,
        channel: e.channel,
        outcome: e.outcome,
        reason: e.reason,
      })),
    };
    this.tail = this.tail.then(() => bus.publish(batch));
    return this.tail;
  }
}

/**
 * The workspace's time zone, read at start and again when `journeylens.yaml` changes (its
 * modification time is looked at with each batch: a few microseconds). A file that does not
 * validate while someone edits it keeps the zone read before.
 */
class WorkspaceZone {
  private zone = 'UTC';
  private modified: number | undefined;

  async of(dir: string, log: TLogger): Promise<string> {
    if (dir === ':memory:') return this.zone;
    const modified = await stat(workspaceFile(dir)).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    if (modified === this.modified) return this.zone;
    this.modified = modified;
    try {
      this.zone = (await loadWorkspaceIfAny(dir))?.settings.timezone ?? 'UTC';
    } catch (e) {
      log.log('warn', 'journeylens.yaml does not validate: ingest keeps its time zone', {
        zone: this.zone,
        error: (e as Error).message,
      });
    }
    return this.zone;
  }
}
