/**
 * The workspace model over HTTP: read it (JSON, or the file's own YAML), validate a model
 * without saving it, save a whole model or one part of it (the contact reason taxonomy, the
 * routing rules, one touchpoint), and read every saved version. Every save goes through one
 * path (src/service/workspace-model.ts): the version it was based on (If-Match or
 * `baseVersion`; 409 when stale), the errors of `journeylens validate` (400), the file's
 * comments and layout kept, an atomic write, a new version and an audit entry.
 *
 * Who: any person and `read` tokens read; admin and cx edit; a team member edits the
 * touchpoints of their own team — adding, changing or removing them — and nothing else (403
 * `not_your_team` names what they may not change).
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { formatWorkspaceError, type TWorkspaceError } from '../../model/workspace-errors.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import { workspaceChanges } from '../../model/workspace-diff.js';
import { parseWorkspace, validateWorkspace } from '../../model/workspace.js';
import { describePrincipal, type TPrincipal } from '../../service/auth/roles.js';
import { WORKSPACE_FILE } from '../../service/workspace-files.js';
import {
  modelData,
  workspaceModel,
  type TEdit,
  type TSaveResult,
  type TVersionInfo,
} from '../../service/workspace-model.js';
import type { TRouteModule } from '../app.js';
import type { TAppEnv } from '../context.js';
import { principalOf } from '../auth.js';
import { errorResponse, fail } from '../errors.js';
import { ZPageFields, ZPageQuery } from '../pagination.js';
import { ANY_PERSON, MODEL_EDITORS, protectedRoute } from '../route.js';
import { MODEL_SCHEMAS, registerModelSchemas } from './model-schemas.js';
import { jsonResponse } from '../openapi-content.js';

const READERS = { roles: ANY_PERSON, scopes: ['read'] } as const;
const EDITORS = { roles: MODEL_EDITORS, scopes: [] } as const;
/** Team members are admitted, then held to their own team's touchpoints. */
const TOUCHPOINT_EDITORS = { roles: [...MODEL_EDITORS, 'team'], scopes: [] } as const;

const YAML = 'application/yaml';
const YAML_TYPES = [YAML, 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

const ZVersionInfo = z
  .object({
    version: z.number().int().openapi({ description: 'the version number; 0: no file yet' }),
    savedAt: z.string().openapi({ example: '2026-03-01T09:30:00.000Z' }),
    savedBy: z.string().openapi({
      description: 'who saved it (user:e-mail), or "file" for a change made outside the server',
    }),
    summary: z.string().nullable().openapi({
      example: 'touchpoints: changed call (activities); routing: added refund',
    }),
  })
  .openapi('WorkspaceVersion');

const ZModelError = z
  .object({
    path: z.string().openapi({ example: 'touchpoints[3].owner' }),
    reason: z
      .string()
      .openapi({ example: 'unknown team "Fulfilment " (did you mean "fulfilment"?)' }),
    line: z.number().int().optional().openapi({ description: 'in the YAML sent, 1-based' }),
    column: z.number().int().optional(),
  })
  .openapi('WorkspaceError');

const ZSaved = ZVersionInfo.extend({
  changed: z
    .boolean()
    .openapi({ description: 'false: the model was already so; no version added' }),
  changes: z.array(z.string()).openapi({ description: 'what changed, section by section' }),
}).openapi('WorkspaceSaved');

const modelAnswer = {
  type: 'object' as const,
  required: ['version', 'savedAt', 'savedBy', 'summary', 'valid', 'workspace', 'errors'],
  properties: {
    version: { type: 'integer' as const },
    savedAt: { type: 'string' as const },
    savedBy: { type: 'string' as const },
    summary: { type: ['string' as const, 'null' as const] },
    valid: {
      type: 'boolean' as const,
      description: 'false: the file was edited outside the server and does not validate',
    },
    workspace: { oneOf: [MODEL_SCHEMAS.workspace, { type: 'null' as const }] },
    errors: { type: 'array' as const, items: { $ref: '#/components/schemas/WorkspaceError' } },
  },
};

const ZFormat = z
  .enum(['json', 'yaml'])
  .optional()
  .openapi({
    description: `yaml: the file itself (also with Accept: ${YAML})`,
  });
const ZIfMatch = z.string().optional().openapi({
  description: 'the version the edit is based on, as GET gave it in ETag ("12")',
});
const ZBaseVersionQuery = z.coerce.number().int().min(0).optional().openapi({
  description: 'the version the edit is based on (instead of If-Match)',
});

const STALE = errorResponse(
  'stale: the model changed since the base version (the answer says which)',
);
const PRECONDITION = errorResponse('no base version: send If-Match or baseVersion');
const INVALID = errorResponse(
  'invalid_workspace: the model does not validate; `details` lists every error: { path, reason, line?, column? }',
);
const UNSUPPORTED = errorResponse(
  'unsupported_media_type: the body is not JSON (or YAML where allowed)',
);

const getModel = protectedRoute(READERS, {
  method: 'get',
  path: '/api/workspace',
  tags: ['workspace'],
  summary: 'The workspace model: JSON with its version, or the YAML file itself',
  description: `The ETag header is the version; send it back in If-Match with an edit. With ?format=yaml or Accept: ${YAML}, the file as it is, comments included.`,
  request: { query: z.object({ format: ZFormat }) },
  responses: {
    200: {
      description: 'the model and its version',
      content: {
        'application/json': { schema: modelAnswer },
        [YAML]: { schema: { type: 'string' } },
      },
    },
    404: errorResponse('the workspace folder has no journeylens.yaml yet'),
  },
});

const putModel = protectedRoute(TOUCHPOINT_EDITORS, {
  method: 'put',
  path: '/api/workspace',
  tags: ['workspace'],
  summary: 'Save a whole model (JSON or YAML); a team member may change only their touchpoints',
  description:
    'JSON: `{ "baseVersion": 12, "workspace": { ... } }` — merged into journeylens.yaml, whose comments and layout stay wherever the model is unchanged. YAML: the whole file, kept as sent. The base version comes from If-Match, `baseVersion` in the JSON, or ?baseVersion=.',
  request: {
    headers: z.object({ 'if-match': ZIfMatch }),
    query: z.object({ baseVersion: ZBaseVersionQuery }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['workspace'],
            properties: {
              baseVersion: { type: 'integer', minimum: 0 },
              workspace: MODEL_SCHEMAS.workspace,
            },
          },
        },
        [YAML]: { schema: { type: 'string' } },
      },
    },
  },
  responses: {
    200: jsonResponse(ZSaved, 'saved, or already so'),
    400: INVALID,
    403: errorResponse(
      'not allowed, or (not_your_team) a change beyond the team member’s touchpoints',
    ),
    409: STALE,
    415: UNSUPPORTED,
    428: PRECONDITION,
  },
});

const validateModel = protectedRoute(READERS, {
  method: 'post',
  path: '/api/workspace/validate',
  tags: ['workspace'],
  summary:
    'Validate a model (JSON or YAML) without saving it: its errors, or what saving it would change',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['workspace'],
            properties: { workspace: MODEL_SCHEMAS.workspace },
          },
        },
        [YAML]: { schema: { type: 'string' } },
      },
    },
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          valid: z.boolean(),
          errors: z.array(ZModelError),
          changes: z.array(z.string()).openapi({
            description: 'what saving it would change in the current model (when both validate)',
          }),
        })
        .openapi('WorkspaceValidation'),
      'whether it validates, every error, and the changes from the current model',
    ),
    400: errorResponse('malformed_body: not JSON'),
    415: UNSUPPORTED,
  },
});

const listVersions = protectedRoute(READERS, {
  method: 'get',
  path: '/api/workspace/versions',
  tags: ['workspace'],
  summary: 'Every saved version of the model, newest first',
  request: { query: z.object(ZPageQuery) },
  responses: {
    200: jsonResponse(
      z.object({ ...ZPageFields, items: z.array(ZVersionInfo) }).openapi('WorkspaceVersions'),
      'a page of versions',
    ),
  },
});

const getVersion = protectedRoute(READERS, {
  method: 'get',
  path: '/api/workspace/versions/{n}',
  tags: ['workspace'],
  summary: 'One saved version: who, when, what changed, and the file as it was',
  request: {
    params: z.object({ n: z.coerce.number().int().min(1).openapi({ example: 3 }) }),
    query: z.object({ format: ZFormat }),
  },
  responses: {
    200: {
      description: 'the version',
      content: {
        'application/json': {
          schema: ZVersionInfo.extend({ yaml: z.string() }).openapi('WorkspaceVersionText'),
        },
        [YAML]: { schema: { type: 'string' } },
      },
    },
    404: errorResponse('no such version'),
  },
});

function partRoute(path: string, key: string, items: object, summary: string) {
  return protectedRoute(EDITORS, {
    method: 'put',
    path,
    tags: ['workspace'],
    summary,
    description: `The same save as PUT /api/workspace for \`${key}\` alone. A save of another part since the base version is no conflict.`,
    request: {
      headers: z.object({ 'if-match': ZIfMatch }),
      body: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: [key],
              properties: {
                baseVersion: { type: 'integer', minimum: 0 },
                [key]: { type: 'array', items },
              },
            },
          },
        },
      },
    },
    responses: {
      200: jsonResponse(ZSaved, 'saved, or already so'),
      400: INVALID,
      403: errorResponse('not allowed'),
      409: STALE,
      415: UNSUPPORTED,
      428: PRECONDITION,
    },
  });
}

const putReasons = partRoute(
  '/api/workspace/contact-reasons',
  'contactReasons',
  MODEL_SCHEMAS.contactReason,
  'Replace the contact reason taxonomy (primary reasons with their secondary reasons)',
);
const putRouting = partRoute(
  '/api/workspace/routing',
  'routing',
  MODEL_SCHEMAS.routingRule,
  'Replace the routing rules (first match wins)',
);

const putTouchpoint = protectedRoute(TOUCHPOINT_EDITORS, {
  method: 'put',
  path: '/api/workspace/touchpoints/{id}',
  tags: ['workspace'],
  summary: "Add or replace one touchpoint; a team member, only their own team's",
  request: {
    params: z.object({ id: z.string().openapi({ example: 'support-call' }) }),
    headers: z.object({ 'if-match': ZIfMatch }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['touchpoint'],
            properties: {
              baseVersion: { type: 'integer', minimum: 0 },
              touchpoint: MODEL_SCHEMAS.touchpoint,
            },
          },
        },
      },
    },
  },
  responses: {
    200: jsonResponse(ZSaved, 'saved, or already so'),
    400: INVALID,
    403: errorResponse('not allowed, or (not_your_team) another team’s touchpoint'),
    409: STALE,
    415: UNSUPPORTED,
    428: PRECONDITION,
  },
});

/** A request body: data (JSON), the file's text (YAML), or why it is refused. */
type TRefusal = { kind: 'refused'; status: 400 | 415; code: string; message: string };
type TJsonBody = { kind: 'json'; value: Record<string, unknown> };
type TYamlBody = { kind: 'yaml'; text: string };

function readBody(c: Context, yamlAllowed: true): Promise<TJsonBody | TYamlBody | TRefusal>;
function readBody(c: Context, yamlAllowed: false): Promise<TJsonBody | TRefusal>;
async function readBody(
  c: Context,
  yamlAllowed: boolean,
): Promise<TJsonBody | TYamlBody | TRefusal> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  const text = await c.req.text();
  if (yamlAllowed && YAML_TYPES.includes(type)) return { kind: 'yaml', text };
  const refused = (status: 400 | 415, code: string, message: string): TRefusal => ({
    kind: 'refused',
    status,
    code,
    message,
  });
  if (type !== 'application/json') {
    return refused(
      415,
      'unsupported_media_type',
      yamlAllowed
        ? `send JSON (Content-Type: application/json) or the YAML file (Content-Type: ${YAML})`
        : 'send JSON (Content-Type: application/json)',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return refused(400, 'malformed_body', `not JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refused(400, 'malformed_body', 'expected a JSON object');
  }
  return { kind: 'json', value: value as Record<string, unknown> };
}

const refuse = (c: Context, r: TRefusal) =>
  r.status === 400 ? fail(c, 400, r.code, r.message) : fail(c, 415, r.code, r.message);

/** The base version: If-Match, else `baseVersion` in the body, else in the query. */
function baseVersionOf(
  c: Context,
  body: Record<string, unknown> | undefined,
): number | undefined | 'bad' {
  const header = c.req.header('if-match');
  if (header !== undefined) {
    const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
    return m?.[1] === undefined ? 'bad' : version(Number(m[1]));
  }
  const fromBody = body?.baseVersion;
  if (fromBody !== undefined) return typeof fromBody === 'number' ? version(fromBody) : 'bad';
  const query = c.req.query('baseVersion');
  if (query === undefined) return undefined;
  return /^\d+$/.test(query) ? version(Number(query)) : 'bad';
}

/** A version number is a whole number from 0 that the store can hold (a safe integer). */
const version = (n: number): number | 'bad' => (Number.isSafeInteger(n) && n >= 0 ? n : 'bad');

const wantsYaml = (c: Context, format: 'json' | 'yaml' | undefined): boolean =>
  format === 'yaml' ||
  (format === undefined && YAML_TYPES.some((t) => c.req.header('accept')?.includes(t) === true));

const errorsOut = (errors: readonly TWorkspaceError[]) =>
  errors.map((e) => ({
    path: e.path,
    reason: e.message,
    ...(e.line === undefined ? {} : { line: e.line, column: e.column ?? 1 }),
  }));

const etag = (version: number) => `"${version}"`;

function teamOf(p: TPrincipal): string | undefined {
  return p.kind === 'user' && p.role === 'team' ? (p.team ?? '') : undefined;
}

export const workspaceRoutes: TRouteModule = (app, services) => {
  const ctx = services.context;
  const model = workspaceModel(ctx.store, ctx.workspaceDir);
  registerModelSchemas(app);
  // Version 1 is the file as the server first finds it; later edits outside become versions.
  services.onStart(async () => {
    await model.current();
  });

  /** Saves through the model, and says how it went in the API's terms. */
  async function save(c: Context<TAppEnv>, edit: TEdit, baseVersion: number | undefined | 'bad') {
    if (baseVersion === 'bad') {
      return fail(
        c,
        400,
        'invalid',
        'If-Match or baseVersion: expected a version number such as "12"',
      );
    }
    if (baseVersion === undefined) {
      return fail(
        c,
        428,
        'precondition_required',
        'send the version the edit is based on: If-Match: "12" (the ETag of GET /api/workspace) or baseVersion',
      );
    }
    const principal = principalOf(c.var.principal);
    const result: TSaveResult = await model.save({
      edit,
      baseVersion,
      actor: describePrincipal(principal),
      team: teamOf(principal),
      via: `${c.req.method} ${c.req.path}`,
    });
    switch (result.kind) {
      case 'invalid': {
        const n = result.errors.length;
        const first = result.errors[0];
        return fail(
          c,
          400,
          'invalid_workspace',
          `the model has ${n} error${n === 1 ? '' : 's'}${first ? `; the first: ${formatWorkspaceError(first, WORKSPACE_FILE)}` : ''}`,
          errorsOut(result.errors),
        );
      }
      case 'conflict':
        c.header('ETag', etag(result.current));
        return fail(c, 409, result.code, result.message, { currentVersion: result.current });
      case 'not-your-team':
        return fail(c, 403, 'not_your_team', result.reason);
      case 'unchanged':
      case 'saved': {
        c.header('ETag', etag(result.info.version));
        const changes = result.kind === 'saved' ? result.changes : [];
        return c.json({ ...result.info, changed: result.kind === 'saved', changes }, 200);
      }
    }
  }

  app.openapi(getModel, async (c) => {
    const current = await model.current();
    if (current === undefined) {
      return fail(
        c,
        404,
        'no_workspace',
        `${WORKSPACE_FILE} does not exist yet: PUT a model with baseVersion 0`,
      );
    }
    c.header('ETag', etag(current.version));
    const { text, result, ...version } = current;
    if (wantsYaml(c, c.req.valid('query').format)) {
      return c.body(text, 200, { 'content-type': `${YAML}; charset=utf-8` });
    }
    return c.json(
      {
        ...version,
        valid: result.ok,
        workspace: result.ok ? modelData(result.workspace) : null,
        errors: result.ok ? [] : errorsOut(result.errors),
      },
      200,
    );
  });

  app.openapi(putModel, async (c) => {
    const body = await readBody(c, true);
    if (body.kind === 'refused') return refuse(c, body);
    if (body.kind === 'yaml') {
      return save(c, { kind: 'yaml', text: body.text }, baseVersionOf(c, undefined));
    }
    if (!('workspace' in body.value)) {
      return fail(
        c,
        400,
        'invalid',
        'workspace: send the model as { "baseVersion": 12, "workspace": { ... } }',
      );
    }
    return save(c, { kind: 'model', input: body.value.workspace }, baseVersionOf(c, body.value));
  });

  app.openapi(validateModel, async (c) => {
    const body = await readBody(c, true);
    if (body.kind === 'refused') return refuse(c, body);
    const result =
      body.kind === 'yaml' ? parseWorkspace(body.text) : validateWorkspace(body.value.workspace);
    const current = result.ok ? await model.current() : undefined;
    const changes =
      result.ok && current?.result.ok === true
        ? workspaceChanges(current.result.workspace, result.workspace).map((x) => x.text)
        : [];
    return c.json(
      { valid: result.ok, errors: result.ok ? [] : errorsOut(result.errors), changes },
      200,
    );
  });

  app.openapi(listVersions, async (c) => {
    const q = c.req.valid('query');
    const { total, items } = await model.versions(q.offset, q.limit);
    return c.json({ total, offset: q.offset, limit: q.limit, items }, 200);
  });

  app.openapi(getVersion, async (c) => {
    const { n } = c.req.valid('param');
    const found = await model.version(n);
    if (found === undefined) return fail(c, 404, 'not_found', `no version ${n}`);
    if (wantsYaml(c, c.req.valid('query').format)) {
      return c.body(found.text, 200, { 'content-type': `${YAML}; charset=utf-8` });
    }
    const { text, ...version } = found;
    return c.json({ ...(version satisfies TVersionInfo), yaml: text }, 200);
  });

  for (const [route, key, label] of [
    [putReasons, 'contactReasons', 'the contact reason taxonomy'],
    [putRouting, 'routing', 'the routing rules'],
  ] as const) {
    app.openapi(route, async (c) => {
      const body = await readBody(c, false);
      if (body.kind === 'refused') return refuse(c, body);
      const value = body.value[key];
      if (!Array.isArray(value)) {
        return fail(
          c,
          400,
          'invalid',
          `${key}: expected a list, as { "baseVersion": 12, "${key}": [ ... ] }`,
        );
      }
      const edit: TEdit = {
        kind: 'part',
        label,
        read: (ws) => ws[key],
        apply: (ws) => ({ ...modelData(ws), [key]: value }),
      };
      return save(c, edit, baseVersionOf(c, body.value));
    });
  }

  app.openapi(putTouchpoint, async (c) => {
    const { id } = c.req.valid('param');
    const body = await readBody(c, false);
    if (body.kind === 'refused') return refuse(c, body);
    const touchpoint = body.value.touchpoint;
    if (typeof touchpoint !== 'object' || touchpoint === null || Array.isArray(touchpoint)) {
      return fail(
        c,
        400,
        'invalid',
        'touchpoint: expected { "baseVersion": 12, "touchpoint": { ... } }',
      );
    }
    const given = (touchpoint as { id?: unknown }).id;
    if (given !== undefined && given !== id) {
      return fail(
        c,
        400,
        'invalid',
        `touchpoint.id: ${JSON.stringify(given)} is not the id in the path (${id})`,
      );
    }
    const entry = { id, ...touchpoint };
    const edit: TEdit = {
      kind: 'part',
      label: `touchpoint ${id}`,
      read: (ws) => ws.touchpoints.find((t) => t.id === id),
      apply: (ws: TWorkspace) => {
        const at = ws.touchpoints.findIndex((t) => t.id === id);
        const touchpoints: unknown[] = [...ws.touchpoints];
        if (at < 0) touchpoints.push(entry);
        else touchpoints[at] = entry;
        return { ...modelData(ws), touchpoints };
      },
    };
    return save(c, edit, baseVersionOf(c, body.value));
  });
};
