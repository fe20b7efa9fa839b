/**
 * Who may call what, for every operation of the API: the app is built with every module of
 * src/server/modules.ts, its OpenAPI document is read, and each operation is called as
 * nobody, as a person of each role and with a token of each scope (src/server/test-kit.ts),
 * with a minimal valid request. The outcome — refused (401 without credentials, 403 without
 * the right) or admitted (anything else, and never a 500) — must match the matrix below,
 * which is written here by hand, not read from the document.
 *
 * The test fails when an operation has no entry in the matrix (a new route must be added to
 * it, with a decision on who may call it) and when the document's `x-journeylens-access`
 * says something else than the matrix. Entries for routes of modules not registered yet are
 * simply not exercised.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROLES, SCOPES } from '../src/service/auth/roles.js';
import { serverModules } from '../src/server/modules.js';
import { testApp, type TCaller, type TTestApp } from '../src/server/test-kit.js';

const CALLERS: readonly TCaller[] = ['anonymous', ...ROLES, ...SCOPES];

const EVERY_PERSON = 'admin cx team viewer';
const EDITORS = 'admin cx';
/**
 * Who is admitted to each operation: `anyone`, or the callers by name — roles (admin, cx,
 * team, viewer) and token scopes (ingest, route, read). Everyone else is refused.
 */
const MATRIX: Record<string, string> = {
  // Accounts and sessions
  'POST /api/auth/login': 'anyone',
  'POST /api/auth/logout': EVERY_PERSON,
  'GET /api/auth/me': `${EVERY_PERSON} ingest route read`,
  // Ingest: the CX team and machines with the ingest scope
  'POST /api/ingest/events': `${EDITORS} ingest`,
  'POST /api/ingest/customers': `${EDITORS} ingest`,
  'POST /api/ingest/feedback': `${EDITORS} ingest`,
  // File import (the import screen): the same callers as ingest
  'POST /api/import/preview': `${EDITORS} ingest`,
  'POST /api/import': `${EDITORS} ingest`,
  // Webhooks and the event stream
  'GET /api/webhooks': EDITORS,
  'POST /api/webhooks': EDITORS,
  'GET /api/webhooks/dead-letters': EDITORS,
  'POST /api/webhooks/dead-letters/{id}/retry': EDITORS,
  'GET /api/webhooks/{id}': EDITORS,
  'PATCH /api/webhooks/{id}': EDITORS,
  'DELETE /api/webhooks/{id}': EDITORS,
  'GET /api/webhooks/{id}/deliveries': EDITORS,
  'GET /api/stream': `${EVERY_PERSON} read`,
  // Routing
  'POST /api/route': `${EDITORS} route`,
  'GET /api/contact-reasons': `${EVERY_PERSON} read route`,
  'GET /api/reports/contacts': 'admin cx viewer read',
  'GET /api/reports/containment': 'admin cx viewer read',
  // The workspace model: team members edit their own team's touchpoints only
  'GET /api/workspace': `${EVERY_PERSON} read`,
  'PUT /api/workspace': `${EDITORS} team`,
  'POST /api/workspace/validate': `${EVERY_PERSON} read`,
  'GET /api/workspace/versions': `${EVERY_PERSON} read`,
  'GET /api/workspace/versions/{n}': `${EVERY_PERSON} read`,
  'PUT /api/workspace/contact-reasons': EDITORS,
  'PUT /api/workspace/routing': EDITORS,
  'PUT /api/workspace/touchpoints/{id}': `${EDITORS} team`,
  // Analysis results
  'GET /api/analysis/summary': `${EVERY_PERSON} read`,
  'GET /api/analysis/discovery': `${EVERY_PERSON} read`,
  'GET /api/analysis/conformance': `${EVERY_PERSON} read`,
  'GET /api/analysis/friction': `${EVERY_PERSON} read`,
  'GET /api/analysis/stages': `${EVERY_PERSON} read`,
  'GET /api/analysis/moments': `${EVERY_PERSON} read`,
  'GET /api/analysis/opportunities': `${EVERY_PERSON} read`,
  'GET /api/analysis/feedback': `${EVERY_PERSON} read`,
  'GET /api/friction/trend': `${EVERY_PERSON} read`,
  'GET /api/feedback/verbatims': `${EVERY_PERSON} read`,
  'GET /api/process-map': `${EVERY_PERSON} read`,
  'POST /api/process-map/layout': `${EVERY_PERSON} read`,
  'GET /api/journey-map': `${EVERY_PERSON} read`,
  'GET /api/report': `${EVERY_PERSON} read`,
  // Brainstorms: the CX team opens, locks and curates; the CX team and team members write
  // entries (held to the invitation and to authorship by the service); everyone watches
  'GET /api/brainstorms': `${EVERY_PERSON} read`,
  'POST /api/brainstorms': EDITORS,
  'GET /api/brainstorms/{id}': `${EVERY_PERSON} read`,
  'POST /api/brainstorms/{id}/entries': `${EDITORS} team`,
  'PATCH /api/brainstorms/{id}/entries/{entryId}': `${EDITORS} team`,
  'DELETE /api/brainstorms/{id}/entries/{entryId}': `${EDITORS} team`,
  'GET /api/brainstorms/{id}/stream': `${EVERY_PERSON} read`,
  'POST /api/brainstorms/{id}/lock': EDITORS,
  'POST /api/brainstorms/{id}/merge': EDITORS,
  'PUT /api/brainstorms/{id}/touchpoints/{touchpointId}': EDITORS,
  'PUT /api/brainstorms/{id}/journeys/{journeyId}': EDITORS,
  'GET /api/brainstorms/{id}/export': `${EVERY_PERSON} read`,
  // Alerts: the CX team writes rules and evaluates them on demand; everyone reads rules and
  // the inbox (the experience is shared across teams); the CX team and team members
  // acknowledge (a team member only the alerts about their team: checked by the handler)
  'GET /api/alert-rules': `${EVERY_PERSON} read`,
  'POST /api/alert-rules': EDITORS,
  'GET /api/alert-rules/{id}': `${EVERY_PERSON} read`,
  'PATCH /api/alert-rules/{id}': EDITORS,
  'DELETE /api/alert-rules/{id}': EDITORS,
  'GET /api/alert-rules/{id}/evaluations': `${EVERY_PERSON} read`,
  'POST /api/alert-rules/{id}/evaluate': EDITORS,
  'GET /api/alerts': `${EVERY_PERSON} read`,
  'GET /api/alerts/stream': `${EVERY_PERSON} read`,
  'GET /api/alerts/{id}': `${EVERY_PERSON} read`,
  'POST /api/alerts/{id}/acknowledge': `${EDITORS} team`,
  // Change assessments: everyone reads (the exposure preview reads the analysis); the CX team
  // and team members create and act (a team member only for their own team: checked by the
  // service, 403 not_your_team); only the CX team reviews
  'GET /api/assessments': `${EVERY_PERSON} read`,
  'POST /api/assessments': `${EDITORS} team`,
  'POST /api/assessments/exposure': `${EVERY_PERSON} read`,
  'GET /api/assessments/{id}': `${EVERY_PERSON} read`,
  'PUT /api/assessments/{id}': `${EDITORS} team`,
  'POST /api/assessments/{id}/submit': `${EDITORS} team`,
  'POST /api/assessments/{id}/review': EDITORS,
  'POST /api/assessments/{id}/go-live': `${EDITORS} team`,
  // Improvement actions: everyone reads the boards; the CX team and team members create,
  // change, comment and re-measure (a team member only their own team's actions: checked by
  // the handler, 403 not_your_team, and a team member's board lists their team's only)
  'GET /api/actions': `${EVERY_PERSON} read`,
  'POST /api/actions': `${EDITORS} team`,
  'GET /api/actions/{id}': `${EVERY_PERSON} read`,
  'PATCH /api/actions/{id}': `${EDITORS} team`,
  'POST /api/actions/{id}/comments': `${EDITORS} team`,
  'POST /api/actions/{id}/remeasure': `${EDITORS} team`,
  // Administration
  'GET /api/admin/users': 'admin',
  'POST /api/admin/users': 'admin',
  'PATCH /api/admin/users/{id}': 'admin',
  'GET /api/admin/tokens': 'admin',
  'POST /api/admin/tokens': 'admin',
  'DELETE /api/admin/tokens/{id}': 'admin',
  'GET /api/admin/audit': 'admin',
};

/** Operations that end the caller's session: called after all the others. */
const LAST = new Set(['POST /api/auth/logout']);

const WORKSPACE = `name: Access matrix
stages: [Purchase, Support]
teams:
  - { id: care, name: Care }
  - { id: shop, name: Shop }
touchpoints:
  - { id: order, name: Order, stage: Purchase, channel: web, owner: shop, activities: [order] }
  - { id: call, name: Call, stage: Support, channel: phone, owner: care, activities: [call] }
contactReasons:
  - { id: billing, name: Billing }
routing:
  - { id: everything, treatment: human }
`;

type TOperation = { 'x-journeylens-access'?: 'public' | { roles: string[]; scopes: string[] } };
type TDocument = { paths: Record<string, Record<string, TOperation>> };
type TRequest = { path: string; init: RequestInit };

let dir: string;
let t: TTestApp;
let model: {
  version: number;
  workspace: Record<string, unknown> & { touchpoints: { id: string }[] };
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-matrix-'));
  await writeFile(join(dir, 'journeylens.yaml'), WORKSPACE);
  t = await testApp(serverModules(), { workspaceDir: dir });
  model = (await (await t.call('admin', '/api/workspace')).json()) as typeof model;
});
afterAll(async () => {
  t.app.lifecycle.closing();
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** A minimal request that an admitted caller gets an answer to (not an error of ours). */
function requestFor(operation: string): TRequest {
  const [method = 'GET', template = ''] = operation.split(' ');
  const path = template.replace('{n}', '1').replace(/\{[^}]+\}/g, 'none');
  const unchanged = { 'if-match': `"${model.version}"` };
  switch (operation) {
    case 'POST /api/auth/login':
      return {
        path,
        init: json('POST', {
          email: 'viewer@example.com',
          password: 'a test password of enough length',
        }),
      };
    case 'PUT /api/workspace':
      return { path, init: json('PUT', { workspace: model.workspace }, unchanged) };
    case 'PUT /api/workspace/contact-reasons':
      return {
        path,
        init: json('PUT', { contactReasons: model.workspace.contactReasons }, unchanged),
      };
    case 'PUT /api/workspace/routing':
      return { path, init: json('PUT', { routing: model.workspace.routing }, unchanged) };
    case 'PUT /api/workspace/touchpoints/{id}': {
      // The test-kit's team member belongs to team care, which owns "call".
      const touchpoint = model.workspace.touchpoints.find((tp) => tp.id === 'call');
      return {
        path: '/api/workspace/touchpoints/call',
        init: json('PUT', { touchpoint }, unchanged),
      };
    }
    case 'POST /api/workspace/validate':
      return { path, init: json('POST', { workspace: model.workspace }) };
  }
  if (path.startsWith('/api/ingest/')) return { path, init: json('POST', []) };
  return method === 'GET' || method === 'DELETE'
    ? { path, init: { method } }
    : { path, init: json(method, {}) };
}

/** The callers the document says an operation admits (an admin wherever any role is). */
function documented(op: TOperation): string {
  const access = op['x-journeylens-access'];
  if (access === undefined) return '(undeclared)';
  if (access === 'public') return 'anyone';
  const roles = access.roles.length > 0 ? new Set(['admin', ...access.roles]) : new Set<string>();
  return normalise([...roles, ...access.scopes].join(' '));
}

function normalise(callers: string): string {
  if (callers === 'anyone') return callers;
  const order = CALLERS as readonly string[];
  return [...new Set(callers.split(' ').filter((c) => c !== ''))]
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .join(' ');
}

type TOutcome = 'admitted' | 'refused' | `error ${number}`;

async function outcome(who: TCaller, request: TRequest): Promise<TOutcome> {
  const res = await t.call(who, request.path, request.init);
  // An event stream never ends: its headers are the answer.
  await res.body?.cancel();
  if (res.status === 401 || res.status === 403) return 'refused';
  return res.status >= 500 ? `error ${res.status}` : 'admitted';
}

it('refuses without credentials with 401, and a caller without the right with 403', async () => {
  expect((await t.call('anonymous', '/api/admin/users')).status).toBe(401);
  expect((await t.call('read', '/api/admin/users')).status).toBe(403);
  const body = (await (
    await t.call('viewer', '/api/workspace/routing', requestFor('PUT /api/workspace/routing').init)
  ).json()) as {
    error: { code: string };
  };
  expect(body.error.code).toBe('forbidden');
});

it('admits exactly the callers of the matrix to every operation of the API', async () => {
  const doc = (await (await t.app.request('/api/openapi.json')).json()) as TDocument;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );
  expect(operations.length).toBeGreaterThan(30);
  const missing = operations.filter((o) => MATRIX[o.key] === undefined).map((o) => o.key);
  expect(
    missing,
    'operations without an entry in MATRIX: add them, deciding who may call them',
  ).toEqual([]);

  const declared = operations
    .filter((o) => documented(o.op) !== normalise(MATRIX[o.key] ?? ''))
    .map(
      (o) =>
        `${o.key}: the document says ${documented(o.op)}, the matrix ${normalise(MATRIX[o.key] ?? '')}`,
    );
  expect(declared, 'x-journeylens-access disagrees with the matrix').toEqual([]);

  const ordered = [
    ...operations.filter((o) => !LAST.has(o.key)),
    ...operations.filter((o) => LAST.has(o.key)),
  ];
  const wrong: string[] = [];
  for (const { key } of ordered) {
    const expected = normalise(MATRIX[key] ?? '');
    const request = requestFor(key);
    for (const who of CALLERS) {
      const admitted = expected === 'anyone' || expected.split(' ').includes(who);
      const got = await outcome(who, request);
      if (got !== (admitted ? 'admitted' : 'refused')) {
        wrong.push(`${key} as ${who}: expected ${admitted ? 'admitted' : 'refused'}, got ${got}`);
      }
    }
  }
  expect(wrong).toEqual([]);
  // Nothing in the matrix was taken for a change: the model is still the one it started with.
  const after = (await (await t.call('read', '/api/workspace')).json()) as typeof model;
  expect(after.version).toBe(model.version);
});
