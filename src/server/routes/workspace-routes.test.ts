/**
 * The workspace model over HTTP, on the real app, a real store and a real journeylens.yaml in
 * a temporary folder: reading (JSON and the file itself), saving with the file's comments
 * kept, versions, optimistic concurrency, the validation errors of `journeylens validate`,
 * the audit trail, the parts (taxonomy, routing, one touchpoint), team members held to their
 * own touchpoints, and edits made to the file outside the server.
 */
import { readdir, readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWorkspace } from '../../model/workspace.js';
import { sql } from '../../query/sql.js';
import { testApp, type TCaller, type TTestApp } from '../test-kit.js';
import { workspaceRoutes } from './workspace-routes.js';

const YAML = `# Acme's journey model: reviewed by the CX team every quarter.
name: Acme
stages: [Buy, Support]
channels: [web, phone, chat]
teams:
  - { id: shop, name: Shop }
  - { id: care, name: Care } # the contact centre
touchpoints:
  - { id: order, name: Order, stage: Buy, channel: web, owner: shop, activities: [order_placed] }
  # Calls are answered in Leeds.
  - { id: call, name: Call, stage: Support, channel: phone, owner: care, activities: [call] }
contactReasons:
  - id: delivery
    name: Delivery
    secondary: [{ id: late, name: Late }]
routing:
  - { id: late, when: { reason: delivery/late }, treatment: callback }
`;

type TModel = {
  version: number;
  savedBy: string;
  summary: string | null;
  valid: boolean;
  workspace: {
    name: string;
    touchpoints: { id: string; name: string; owner: string; activities: string[] }[];
    contactReasons: { id: string; name: string; secondary: { id: string; name: string }[] }[];
    routing: unknown[];
  };
  errors: unknown[];
};
type TSaved = { version: number; changed: boolean; changes: string[]; summary: string };
type TError = { error: { code: string; message: string; details?: unknown } };

let dir: string;
let t: TTestApp;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-workspace-'));
  await writeFile(join(dir, 'journeylens.yaml'), YAML);
  t = await testApp([workspaceRoutes], { workspaceDir: dir });
});
afterEach(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const file = () => readFile(join(dir, 'journeylens.yaml'), 'utf8');
const json = async <T>(res: Response, status = 200): Promise<T> => {
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
};
const model = async (who: TCaller = 'cx') => json<TModel>(await t.call(who, '/api/workspace'));
const put = (who: TCaller, path: string, body: unknown, headers: Record<string, string> = {}) =>
  t.call(who, path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const withCall = (ws: TModel['workspace'], change: object) => ({
  ...ws,
  touchpoints: ws.touchpoints.map((tp) => (tp.id === 'call' ? { ...tp, ...change } : tp)),
});

describe('reading the model', () => {
  it('answers version 1, the file as the server found it, as JSON and as the file itself', async () => {
    const res = await t.call('viewer', '/api/workspace');
    expect(res.headers.get('etag')).toBe('"1"');
    const body = await json<TModel>(res);
    expect(body).toMatchObject({
      version: 1,
      savedBy: 'file',
      summary: 'the file as found when the server first started',
      valid: true,
      errors: [],
    });
    expect(body.workspace.touchpoints.map((tp) => tp.id)).toEqual(['order', 'call']);
    // Defaults are spelled out in the JSON model.
    expect(body.workspace.touchpoints[0]).toMatchObject({ layer: 'frontstage', upstream: [] });
    const yaml = await t.call('read', '/api/workspace?format=yaml');
    expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(await yaml.text()).toBe(YAML);
    const accept = await t.call('team', '/api/workspace', {
      headers: { accept: 'application/yaml' },
    });
    expect(await accept.text()).toBe(YAML);
  });

  it('admits people and read tokens only', async () => {
    expect((await t.call('anonymous', '/api/workspace')).status).toBe(401);
    expect((await t.call('ingest', '/api/workspace')).status).toBe(403);
    expect((await t.call('route', '/api/workspace')).status).toBe(403);
  });
});

describe('saving the whole model', () => {
  it('merges a JSON model into the file, keeping its comments, and records version and audit', async () => {
    const before = await model();
    const res = await put(
      'cx',
      '/api/workspace',
      { workspace: withCall(before.workspace, { name: 'Phone call' }) },
      { 'if-match': '"1"' },
    );
    expect(res.headers.get('etag')).toBe('"2"');
    expect(await json<TSaved>(res)).toMatchObject({
      version: 2,
      changed: true,
      savedBy: 'user:cx@example.com',
      summary: 'touchpoints: changed call (name)',
      changes: ['touchpoints: changed call (name)'],
    });
    // Only the edited line differs: the comments and the layout stay.
    expect(await file()).toBe(YAML.replace('name: Call,', 'name: Phone call,'));
    const [entry] = await t.context.store.all<{ actor: string; action: string; detail: string }>(
      sql`SELECT actor, action, target, CAST(detail AS VARCHAR) AS detail FROM audit_log
        WHERE action = 'workspace.save'`,
    );
    expect(entry).toMatchObject({ actor: 'user:cx@example.com', action: 'workspace.save' });
    expect(JSON.parse(entry?.detail ?? '{}')).toMatchObject({
      baseVersion: 1,
      via: 'PUT /api/workspace',
      summary: 'touchpoints: changed call (name)',
    });
    // No temporary file is left beside it.
    expect(await readdir(dir)).toEqual(['.journeylens', 'journeylens.yaml']);
  });

  it('refuses a stale edit (409) and an edit without a base version (428)', async () => {
    const { workspace } = await model();
    const first = withCall(workspace, { name: 'Phone call' });
    await json(await put('cx', '/api/workspace', { baseVersion: 1, workspace: first }));
    const stale = await json<TError>(
      await put('admin', '/api/workspace', { baseVersion: 1, workspace }),
      409,
    );
    expect(stale.error).toMatchObject({ code: 'stale', details: { currentVersion: 2 } });
    const bare = await json<TError>(await put('admin', '/api/workspace', { workspace }), 428);
    expect(bare.error.code).toBe('precondition_required');
    expect((await model()).workspace.touchpoints[1]?.name).toBe('Phone call');
  });

  it('answers every error with its path and reason, as journeylens validate does', async () => {
    const { workspace } = await model();
    const bad = {
      ...workspace,
      touchpoints: [{ ...workspace.touchpoints[0], owner: 'Shop ' }, workspace.touchpoints[1]],
      routing: [{ id: 'Late', treatment: 'fax' }],
    };
    const res = await json<TError>(
      await put('cx', '/api/workspace', { workspace: bad }, { 'if-match': '1' }),
      400,
    );
    expect(res.error.code).toBe('invalid_workspace');
    // Schema errors first, then references: the order of `journeylens validate` without lines.
    expect(res.error.details).toEqual([
      {
        path: 'routing[0].id',
        reason: expect.stringMatching(/^must be a slug/) as string,
      },
      {
        path: 'routing[0].treatment',
        reason: expect.stringMatching(/^expected one of self-service, chat/) as string,
      },
      { path: 'touchpoints[0].owner', reason: 'unknown team "Shop " (did you mean "shop"?)' },
    ]);
    // The same file as YAML: the same errors, placed in the text.
    const text = YAML.replace('owner: shop,', 'owner: Shop ,');
    const yaml = await t.call('cx', '/api/workspace', {
      method: 'PUT',
      headers: { 'content-type': 'application/yaml', 'if-match': '1' },
      body: text,
    });
    const expected = parseWorkspace(text);
    if (expected.ok) throw new Error('the fixture should not validate');
    const details = (await json<TError>(yaml, 400)).error.details;
    expect(details).toEqual(
      expected.errors.map((e) => ({
        path: e.path,
        reason: e.message,
        line: e.line,
        column: e.column,
      })),
    );
    expect(details).toEqual([
      {
        path: 'touchpoints[0].owner',
        reason: 'unknown team "Shop" (did you mean "shop"?)',
        line: 9,
        column: 64,
      },
    ]);
    expect(await file()).toBe(YAML);
  });

  it('keeps a YAML file as sent, adds no version when nothing changed', async () => {
    const text = `${YAML}# Reviewed in March.\n`;
    const saved = await json<TSaved>(
      await t.call('admin', '/api/workspace?baseVersion=1', {
        method: 'PUT',
        headers: { 'content-type': 'application/yaml' },
        body: text,
      }),
    );
    expect(saved).toMatchObject({
      version: 2,
      changed: true,
      summary: 'no change to the model (comments or layout only)',
    });
    expect(await file()).toBe(text);
    const { workspace } = await model();
    const again = await json<TSaved>(
      await put('cx', '/api/workspace', { workspace }, { 'if-match': '"2"' }),
    );
    expect(again).toMatchObject({ version: 2, changed: false, changes: [] });
    expect(await file()).toBe(text);
  });

  it('lets one of two simultaneous edits of the same version through', async () => {
    const { workspace } = await model();
    const [a, b] = await Promise.all([
      put('cx', '/api/workspace', {
        baseVersion: 1,
        workspace: withCall(workspace, { name: 'A' }),
      }),
      put('admin', '/api/workspace', {
        baseVersion: 1,
        workspace: withCall(workspace, { name: 'B' }),
      }),
    ]);
    expect([a?.status, b?.status]).toEqual([200, 409]);
    expect((await model()).workspace.touchpoints[1]?.name).toBe('A');
  });

  it.each([
    ['in the body', { baseVersion: 1e20 }, {}, ''],
    ['in If-Match', {}, { 'if-match': '"100000000000000000000"' }, ''],
    ['in the query', {}, {}, '?baseVersion=100000000000000000000'],
  ])(
    'refuses a base version too large to be one %s (400, not 500)',
    async (_, extra, headers, q) => {
      const { workspace } = await model();
      const res = await put('cx', `/api/workspace${q}`, { workspace, ...extra }, headers);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
        /version/i,
      );
    },
  );

  it('refuses viewers and tokens, and a body that is neither JSON nor YAML', async () => {
    const { workspace } = await model();
    expect((await put('viewer', '/api/workspace', { workspace, baseVersion: 1 })).status).toBe(403);
    expect((await put('read', '/api/workspace', { workspace, baseVersion: 1 })).status).toBe(403);
    const text = await t.call('cx', '/api/workspace', {
      method: 'PUT',
      headers: { 'content-type': 'text/plain', 'if-match': '1' },
      body: 'name: x',
    });
    expect(text.status).toBe(415);
  });
});

describe('parts of the model', () => {
  it('replaces the contact reason taxonomy; another part saved meanwhile is no conflict', async () => {
    const { workspace } = await model();
    // Someone renames a touchpoint (version 2) while the taxonomy is being edited on version 1.
    await json(
      await put('cx', '/api/workspace', {
        baseVersion: 1,
        workspace: withCall(workspace, { name: 'Phone' }),
      }),
    );
    const reasons = [
      {
        id: 'delivery',
        name: 'Delivery',
        secondary: [
          { id: 'late', name: 'Late' },
          { id: 'lost', name: 'Lost' },
        ],
      },
      { id: 'billing', name: 'Billing' },
    ];
    const saved = await json<TSaved>(
      await put('cx', '/api/workspace/contact-reasons', {
        baseVersion: 1,
        contactReasons: reasons,
      }),
    );
    expect(saved).toMatchObject({
      version: 3,
      summary: 'contactReasons: added billing; changed delivery (secondary: added lost)',
    });
    const now = await model();
    expect(now.workspace.contactReasons.map((r) => r.id)).toEqual(['delivery', 'billing']);
    expect(now.workspace.touchpoints[1]?.name).toBe('Phone');
    expect(await file()).toContain('# Calls are answered in Leeds.');
    // The taxonomy itself changed since version 1: now that is a conflict.
    const stale = await put('cx', '/api/workspace/contact-reasons', {
      baseVersion: 1,
      contactReasons: [],
    });
    expect((await json<TError>(stale, 409)).error.code).toBe('stale');
  });

  it('validates routing rules against the taxonomy', async () => {
    const res = await put(
      'admin',
      '/api/workspace/routing',
      { routing: [{ id: 'refund', when: { reason: 'refund' }, treatment: 'human' }] },
      { 'if-match': '1' },
    );
    const body = await json<TError>(res, 400);
    expect(body.error.details).toEqual([
      {
        path: 'routing[0].when.reason',
        reason: expect.stringMatching(/unknown contact reason "refund"/) as string,
      },
    ]);
    const ok = await put(
      'admin',
      '/api/workspace/routing',
      { routing: [{ id: 'late', when: { reason: 'delivery/late' }, treatment: 'human-priority' }] },
      { 'if-match': '1' },
    );
    expect((await json<TSaved>(ok)).summary).toBe('routing: changed late (treatment)');
    // Team members and viewers do not edit routing.
    expect(
      (await put('team', '/api/workspace/routing', { routing: [] }, { 'if-match': '2' })).status,
    ).toBe(403);
  });
});

describe('team members', () => {
  // The test-kit's team member belongs to team "care", which owns the touchpoint "call".
  it("edit and add their own team's touchpoints", async () => {
    const touchpoint = {
      name: 'Call us',
      stage: 'Support',
      channel: 'phone',
      owner: 'care',
      activities: ['call'],
    };
    const saved = await json<TSaved>(
      await put('team', '/api/workspace/touchpoints/call', { touchpoint }, { 'if-match': '1' }),
    );
    expect(saved).toMatchObject({ version: 2, summary: 'touchpoints: changed call (name)' });
    const added = await json<TSaved>(
      await put('team', '/api/workspace/touchpoints/chat', {
        baseVersion: 2,
        touchpoint: { name: 'Chat', stage: 'Support', channel: 'chat', owner: 'care' },
      }),
    );
    expect(added.summary).toBe('touchpoints: added chat');
    const [entry] = await t.context.store.all<{ actor: string }>(
      sql`SELECT actor FROM audit_log WHERE target = 'version 3'`,
    );
    expect(entry?.actor).toBe('user:team@example.com');
  });

  it("are refused another team's touchpoint and every other part of the model (403)", async () => {
    const other = await put(
      'team',
      '/api/workspace/touchpoints/order',
      { touchpoint: { name: 'Checkout', stage: 'Buy', channel: 'web', owner: 'shop' } },
      { 'if-match': '1' },
    );
    expect((await json<TError>(other, 403)).error).toEqual({
      code: 'not_your_team',
      message: 'touchpoints: order belongs to team shop, not to team care',
    });
    const takeOver = await put(
      'team',
      '/api/workspace/touchpoints/order',
      { touchpoint: { name: 'Order', stage: 'Buy', channel: 'web', owner: 'care' } },
      { 'if-match': '1' },
    );
    expect((await json<TError>(takeOver, 403)).error.code).toBe('not_your_team');
    const { workspace } = await model('team');
    const whole = await put('team', '/api/workspace', {
      baseVersion: 1,
      workspace: { ...workspace, name: 'Acme Ltd' },
    });
    expect((await json<TError>(whole, 403)).error.message).toMatch(/^name: only the CX team/);
    // Their own touchpoint through the whole model is fine.
    const own = await put('team', '/api/workspace', {
      baseVersion: 1,
      workspace: withCall(workspace, { activities: ['call', 'call_back'] }),
    });
    expect((await json<TSaved>(own)).version).toBe(2);
    // Their YAML is merged, not taken as sent: the comments of the file are not theirs.
    const current = await file();
    const yaml = await t.call('team', '/api/workspace', {
      method: 'PUT',
      headers: { 'content-type': 'application/yaml', 'if-match': '2' },
      body: current
        .replace("# Acme's journey model", '# Our model')
        .replace('name: Call\n', 'name: Call care\n'),
    });
    expect((await json<TSaved>(yaml)).summary).toBe('touchpoints: changed call (name)');
    expect(await file()).toBe(current.replace('name: Call\n', 'name: Call care\n'));
  });
});

describe('versions and validation', () => {
  it('lists every version newest first, a page at a time, and gives each as it was', async () => {
    const { workspace } = await model();
    await json(
      await put('cx', '/api/workspace', {
        baseVersion: 1,
        workspace: withCall(workspace, { name: 'A' }),
      }),
    );
    await json(
      await put('cx', '/api/workspace', {
        baseVersion: 2,
        workspace: withCall(workspace, { name: 'B' }),
      }),
    );
    const page = await json<{ total: number; items: { version: number; savedBy: string }[] }>(
      await t.call('read', '/api/workspace/versions?offset=1&limit=1'),
    );
    expect(page).toMatchObject({ total: 3, offset: 1, limit: 1 });
    expect(page.items).toEqual([
      expect.objectContaining({ version: 2, savedBy: 'user:cx@example.com' }),
    ]);
    const first = await t.call('viewer', '/api/workspace/versions/1?format=yaml');
    expect(await first.text()).toBe(YAML);
    const second = await json<{ yaml: string; summary: string }>(
      await t.call('viewer', '/api/workspace/versions/2'),
    );
    expect(second.summary).toBe('touchpoints: changed call (name)');
    expect(second.yaml).toContain('name: A,');
    expect((await t.call('viewer', '/api/workspace/versions/9')).status).toBe(404);
    expect((await t.call('viewer', '/api/workspace/versions?limit=501')).status).toBe(400);
  });

  it('validates without saving, and says what a save would change', async () => {
    const { workspace } = await model();
    const post = (body: unknown) =>
      t.call('read', '/api/workspace/validate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await json<{ valid: boolean; errors: unknown[] }>(
      await post({ workspace: { ...workspace, stages: [] } }),
    );
    expect(bad).toEqual({
      valid: false,
      errors: expect.arrayContaining([
        { path: 'stages', reason: 'needs at least one stage' },
      ]) as unknown,
      changes: [],
    });
    const good = await json<{ valid: boolean; changes: string[] }>(
      await post({ workspace: withCall(workspace, { name: 'Phone' }) }),
    );
    expect(good).toEqual({
      valid: true,
      errors: [],
      changes: ['touchpoints: changed call (name)'],
    });
    expect((await model()).version).toBe(1);
  });

  it('records a file edited outside the server as a version of its own', async () => {
    await writeFile(join(dir, 'journeylens.yaml'), YAML.replace('name: Acme', 'name: Acme Ltd'));
    const now = await model();
    expect(now).toMatchObject({
      version: 2,
      savedBy: 'file',
      summary: 'changed outside the server: name: "Acme" → "Acme Ltd"',
    });
    await writeFile(join(dir, 'journeylens.yaml'), 'name: [');
    const broken = await model();
    expect(broken).toMatchObject({ version: 3, valid: false, workspace: null });
    expect(broken.summary).toBe('changed outside the server: it does not validate (1 error)');
    // A part cannot be edited on a broken file; a whole model replaces it.
    const part = await put('cx', '/api/workspace/routing', { baseVersion: 3, routing: [] });
    expect((await json<TError>(part, 409)).error.code).toBe('workspace_invalid');
    const fixed = await put('cx', '/api/workspace', { baseVersion: 3, workspace: now.workspace });
    expect((await json<TSaved>(fixed)).summary).toBe('replaced a file that did not validate');
  });
});
