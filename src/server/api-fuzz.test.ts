/**
 * Every route of the API, driven from its own OpenAPI document, with bad input: query values
 * of the wrong kind or out of range, and each field of a plausible body replaced in turn by
 * an extreme value (huge or negative numbers, empty and very long text, null, a list, an
 * object, far dates). Whatever comes in, no answer is a 5xx and nothing is logged as an
 * unexpected error: bad input is the caller's mistake and is answered as such. Runs on a small
 * demo company with ids from its workspace, so bodies get past the shape checks. This is how
 * the overflow of a huge `days` or base version, the unchecked empty bodies and the 500 for
 * JSON sent as a form were found.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateDemo } from '../../demo/generate.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import { loadWorkspaceDir } from '../service/workspace-files.js';
import { openStore } from '../service/workspace-store.js';
import { serverModules } from './modules.js';
import { testApp, type TTestApp } from './test-kit.js';
import { importDemoData } from '../../demo/import-demo.js';

type TSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  properties?: Record<string, TSchema>;
  items?: TSchema;
  enum?: unknown[];
  example?: unknown;
  anyOf?: TSchema[];
  oneOf?: TSchema[];
  allOf?: TSchema[];
  minimum?: number;
};
type TParameter = { name: string; in: string; schema?: TSchema };
type TOperation = {
  parameters?: TParameter[];
  requestBody?: { content?: Record<string, { schema?: TSchema }> };
};
type TDocument = {
  paths: Record<string, Record<string, TOperation>>;
  components: { schemas: Record<string, TSchema> };
};
type TPath = (string | number)[];

const EXTREMES: unknown[] = [
  1e308,
  -1e308,
  1e20,
  -1,
  0,
  0.5,
  2 ** 53 + 1,
  '',
  'x'.repeat(20_000),
  null,
  [],
  {},
  '9999-12-31T23:59:59Z',
  '0001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  'ünïcødé ✓ \u0000',
  true,
];
const BAD_QUERY_VALUES = [
  'abc',
  '-1',
  '0',
  '99999999999999999999',
  '',
  '2025-13-45',
  '9999-12-31',
  '+275760-09-13',
  'web,,',
  'x'.repeat(5_000),
];

let dir: string;
let t: TTestApp;
let doc: TDocument;
let ids: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-api-fuzz-'));
  await generateDemo({ seed: 5, customers: 150, out: dir });
  const store = await openStore(dir);
  await importDemoData(store, dir);
  await store.close();
  ids = idsOf(await loadWorkspaceDir(dir));
  t = await testApp(serverModules(), { workspaceDir: dir });
  doc = (await (await t.app.request('/api/openapi.json')).json()) as TDocument;
}, 120_000);

afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Values that name something the workspace has, by the field or parameter name. */
function idsOf(ws: TWorkspace): Record<string, string> {
  const touchpoint = ws.touchpoints[2]?.id ?? 'x';
  const team = ws.teams[0]?.id ?? 'x';
  return {
    touchpoint,
    touchpoints: touchpoint,
    touchpointId: touchpoint,
    team,
    teams: team,
    owner: team,
    ownerTeam: team,
    stage: ws.stages[3] ?? 'x',
    segment: ws.segments[0]?.id ?? 'x',
    journey: ws.idealJourneys[0]?.id ?? 'x',
    journeyId: ws.idealJourneys[0]?.id ?? 'x',
    reason: ws.contactReasons[0]?.id ?? 'x',
    channel: 'web',
    survey: 'csat',
    kind: 'csat',
    n: '3',
  };
}

function resolve(schema: TSchema | undefined): TSchema | undefined {
  if (schema?.$ref === undefined) return schema;
  return resolve(doc.components.schemas[schema.$ref.split('/').pop() ?? '']);
}

/** A plausible value for a schema: its example, its first choice, ids for id-like names. */
function plausible(schema: TSchema | undefined, key = '', depth = 0): unknown {
  const s = resolve(schema);
  if (s === undefined || depth > 7) return null;
  if (s.example !== undefined) return s.example;
  if (s.enum !== undefined) return s.enum[0];
  const choice = s.anyOf ?? s.oneOf;
  if (choice !== undefined) return plausible(choice[0], key, depth + 1);
  if (s.allOf !== undefined) {
    return Object.assign({}, ...(s.allOf.map((x) => plausible(x, key, depth + 1)) as object[]));
  }
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (type === 'object' || s.properties !== undefined) {
    return Object.fromEntries(
      Object.entries(s.properties ?? {}).map(([k, v]) => [k, plausible(v, k, depth + 1)]),
    );
  }
  if (type === 'array') return [plausible(s.items, key, depth + 1)];
  if (type === 'string') {
    return ids[key] ?? (s.format === 'date-time' ? '2025-06-01T00:00:00Z' : 'some text');
  }
  if (type === 'integer' || type === 'number') return Math.max(s.minimum ?? 1, 1);
  if (type === 'boolean') return false;
  return null;
}

/** The path of every value in `v`, the root included. */
function paths(v: unknown, at: TPath = []): TPath[] {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v !== null && typeof v === 'object') {
    return [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  }
  return [at];
}

function replaced(v: unknown, at: TPath, by: unknown): unknown {
  const [head, ...rest] = at;
  if (head === undefined) return by;
  const copy = (Array.isArray(v) ? [...(v as unknown[])] : { ...(v as object) }) as Record<
    string,
    unknown
  >;
  copy[head] = replaced(copy[head], rest, by);
  return copy;
}

it('answers bad input on every route as the caller’s mistake, never with a 5xx', async () => {
  const failures: string[] = [];
  const send = async (label: string, path: string, init: RequestInit = {}): Promise<void> => {
    const res = await t.call('admin', path, init);
    await res.arrayBuffer();
    if (res.status >= 500) failures.push(`${res.status} ${label}`);
  };
  // The model's own routes last: they change what the others read.
  const operations = Object.entries(doc.paths)
    .filter(([path]) => !path.startsWith('/api/auth/') && !path.endsWith('/stream'))
    .sort(
      ([a], [b]) => Number(a.startsWith('/api/workspace')) - Number(b.startsWith('/api/workspace')),
    )
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  for (const { path, method, op } of operations) {
    const concrete = path.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name] ?? 'x');
    if (method === 'get') {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      const good = Object.fromEntries(
        query.flatMap((p) => {
          const value = ids[p.name] ?? resolve(p.schema)?.enum?.[0];
          return typeof value === 'string' ? [[p.name, value]] : [];
        }),
      );
      await send(`GET ${concrete}`, `${concrete}?${new URLSearchParams(good).toString()}`);
      for (const p of query) {
        for (const value of BAD_QUERY_VALUES) {
          const q = new URLSearchParams({ ...good, [p.name]: value }).toString();
          await send(`GET ${concrete}?${q.slice(0, 120)}`, `${concrete}?${q}`);
        }
      }
      continue;
    }
    const schema = op.requestBody?.content?.['application/json']?.schema;
    if (schema === undefined) continue;
    const base = plausible(schema);
    const bodies = [
      base,
      ...paths(base)
        .filter((at) => at.length > 0)
        .flatMap((at) => EXTREMES.map((x) => replaced(base, at, x))),
    ];
    for (const body of bodies) {
      const text = JSON.stringify(body);
      await send(`${method.toUpperCase()} ${concrete} ${text.slice(0, 200)}`, concrete, {
        method: method.toUpperCase(),
        body: text,
        headers: { 'content-type': 'application/json' },
      });
    }
  }
  const unexpected = t.log.lines
    .filter((l) => l.message === 'unexpected error')
    .map((l) => String(l.error));
  expect(failures).toEqual([]);
  expect(unexpected).toEqual([]);
}, 300_000);
