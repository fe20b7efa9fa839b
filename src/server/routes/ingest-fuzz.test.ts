/**
 * Property-based tests of the ingest payloads (fast-check): arbitrary records — field names
 * and aliases in any case, junk keys, values of the wrong type, Unicode (lone surrogates and
 * the staging separators included), long strings, records that are not objects — sent as a
 * JSON array or NDJSON. Whatever comes in, the server answers 200 (never 5xx), every record
 * is accounted for (accepted + duplicates + rejected = records sent), and the store holds
 * exactly the accepted events, each event id once.
 */
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { starterWorkspaceYaml } from '../../model/starter.js';
import { raw } from '../../query/sql.js';
import { testApp, type TTestApp } from '../test-kit.js';
import { ingestRoutes } from './ingest-routes.js';

let t: TTestApp;
let dir: string;
beforeAll(async () => {
  // A workspace whose zone has a half-hour offset and daylight saving: wall times are read in it.
  dir = await mkdtemp(join(tmpdir(), 'jl-ingest-fuzz-'));
  await writeFile(
    join(dir, 'journeylens.yaml'),
    starterWorkspaceYaml().replace('timezone: UTC', 'timezone: America/St_Johns'),
  );
  t = await testApp([ingestRoutes], { workspaceDir: dir });
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const FIELD_KEYS = [
  'customer',
  'customer_id',
  'User-ID',
  'case',
  'activity',
  'EVENT',
  'timestamp',
  'ts',
  'Time',
  'channel',
  'outcome',
  'duration',
  'wait_s',
  'cost',
  'reason',
  'event_id',
  'id',
  'EventID',
  'kind',
  'score',
  'verbatim',
  'language',
];

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', '\u001f', 'a\u001db', '"', '\\', 'null', '1e999', 'é☕𝄞'),
  fc.nat(200_000).map((n) => 'ẞ'.repeat(n)),
);

const timestamp = fc.oneof(
  fc
    .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('2025-03-30 02:30:00', '2025-01-01', '31/12/2024 10:00', '1735689600', 'soon'),
  fc.integer(),
);

const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map((n) => ({ big: n.toString() })),
);
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), scalar, { maxKeys: 3 }) },
);

/** A record: likely fields with plausible or wrong values, and junk keys. */
const record = fc
  .record(
    {
      customer: fc.oneof(fc.constantFrom('c1', 'c2', 'c3'), value),
      activity: fc.oneof(fc.constantFrom('signup', 'login', 'call'), value),
      timestamp: fc.oneof(timestamp, value),
      event_id: fc.oneof(fc.constantFrom('e1', 'e2', 'e3', 'e4', 1, 2), value),
      kind: fc.oneof(fc.constantFrom('csat', 'nps', 'ces', 'effort'), value),
      score: fc.oneof(fc.integer({ min: -1, max: 11 }), value),
      other: fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_KEYS), fc.string()), value, {
        maxKeys: 4,
      }),
    },
    { requiredKeys: [] },
  )
  .map(({ other, ...fields }) => ({ ...other, ...fields }));

const batch = fc.array(
  fc.oneof({ weight: 12, arbitrary: record }, { weight: 1, arbitrary: value }),
  { maxLength: 25 },
);

/** JSON text; `{ big: '...' }` becomes an integer beyond 2^53, written out in full. */
function json(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'object' && x !== null && 'big' in x && Object.keys(x).length === 1
      ? `@@${String((x as { big: string }).big)}@@`
      : x,
  ).replace(/"@@(\d+)@@"/g, '$1');
}

type TAnswer = { accepted: number; duplicates: number; rejected: number };

async function post(kind: string, records: unknown[], ndjson: boolean): Promise<TAnswer> {
  const res = await t.call('ingest', `/api/ingest/${kind}`, {
    method: 'POST',
    headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
    body: ndjson ? records.map(json).join('\n') : `[${records.map(json).join(',')}]`,
  });
  const errors = t.log.lines.filter((l) => l.level === 'error');
  expect(res.status, JSON.stringify(errors).slice(0, 2000)).toBe(200);
  const answer = (await res.json()) as TAnswer;
  expect(answer.accepted + answer.duplicates + answer.rejected).toBe(records.length);
  return answer;
}

async function count(q: string): Promise<number> {
  const [row] = await t.context.store.all<{ n: number }>(raw(q));
  return row?.n ?? -1;
}

it('answers every events batch with 200 and accounts for every record', async () => {
  let accepted = 0;
  const seen = { duplicates: 0, rejected: 0 };
  await fc.assert(
    fc.asyncProperty(batch, fc.boolean(), async (records, ndjson) => {
      const answer = await post('events', records, ndjson);
      accepted += answer.accepted;
      seen.duplicates += answer.duplicates;
      seen.rejected += answer.rejected;
      expect(await count('SELECT count(*) AS n FROM events')).toBe(accepted);
      expect(await count('SELECT count(DISTINCT event_id) AS n FROM events')).toBe(
        await count('SELECT count(event_id) AS n FROM events'),
      );
    }),
    { numRuns: 120 },
  );
  // The generators reach every outcome, or the property would test little.
  expect(accepted).toBeGreaterThan(20);
  expect(seen.duplicates).toBeGreaterThan(5);
  expect(seen.rejected).toBeGreaterThan(20);
});

it('answers every feedback and customers batch with 200 and accounts for every record', async () => {
  let feedback = await count('SELECT count(*) AS n FROM feedback');
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('feedback', 'customers'),
      batch,
      fc.boolean(),
      async (kind, records, ndjson) => {
        const answer = await post(kind, records, ndjson);
        if (kind === 'feedback') {
          feedback += answer.accepted;
          expect(await count('SELECT count(*) AS n FROM feedback')).toBe(feedback);
        } else expect(answer.duplicates).toBe(0);
      },
    ),
    { numRuns: 60 },
  );
});
