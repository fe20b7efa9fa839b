/**
 * Change assessments ("5 Hows") over HTTP: list, create, read with the exposure computed from
 * the current analysis, change the answers, submit, review, go live, and a preview of the
 * exposure of a touchpoint selection for the form. The rules live in the service
 * (src/service/assessments/); this module checks the input, finds the model and the analysis,
 * and turns `AssessmentError`s into answers.
 *
 * Who: any person and `read` tokens read; admin, cx and team members create and act — a team
 * member only for their own team (403 `not_your_team`); only admin and cx review.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { TWorkspace } from '../../model/workspace-schema.js';
import {
  allowed,
  ZAssessmentChange,
  ZGoLive,
  ZNewAssessment,
  ZPlannedGoLive,
  ZReview,
} from '../../service/assessments/assessment-rules.js';
import {
  ASSESSMENT_STATUSES,
  type TAssessment,
  type TExposure,
} from '../../service/assessments/assessment-types.js';
import {
  actionLookup,
  AssessmentError,
  createAssessment,
  ensureAssessmentSchema,
  getAssessment,
  goLive,
  listAssessments,
  reviewAssessment,
  submitAssessment,
  updateAssessment,
  type TActionLookup,
  type TDeps,
} from '../../service/assessments/assessments.js';
import { computeExposure } from '../../service/assessments/exposure.js';
import type { TPrincipal } from '../../service/auth/roles.js';
import { workspaceModel } from '../../service/workspace-model.js';
import type { TRouteModule } from '../app.js';
import { principalOf } from '../auth.js';
import type { TServerContext } from '../context.js';
import { errorResponse, fail } from '../errors.js';
import { MODEL_EDITORS, protectedRoute } from '../route.js';
import { ZAssessment, ZAssessmentDetail, ZExposure } from './assessment-schemas.js';
import { analysisResultsOf, READERS } from './current-results.js';
import { jsonResponse, jsonBody } from '../openapi-content.js';

const ACTORS = { roles: [...MODEL_EDITORS, 'team'], scopes: [] } as const;
const REVIEWERS = { roles: MODEL_EDITORS, scopes: [] } as const;
const TAGS = ['assessments'];

const ZId = z.object({ id: z.string().openapi({ example: 'asm_3f9a1c0b7d2e' }) });
const NOT_FOUND = errorResponse('not_found: no such assessment');
/** The answers of every action on an assessment (the typed handlers need them declared). */
const ACTION_ERRORS = {
  400: errorResponse('invalid / incomplete: `details` lists each { field, reason }'),
  403: errorResponse('forbidden, or not_your_team: the assessment belongs to another team'),
  404: errorResponse('not_found: no such assessment'),
  409: errorResponse('wrong_status: not possible in the current status'),
};
const NO_MODEL = errorResponse(
  'no_workspace / workspace_invalid: there is no valid model to check against',
);

const listRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/assessments',
  tags: TAGS,
  summary: 'Change assessments, most recently changed first',
  request: {
    query: z.object({
      status: z.enum(ASSESSMENT_STATUSES).optional(),
      team: z.string().min(1).optional().openapi({ description: 'the owner team' }),
    }),
  },
  responses: {
    200: jsonResponse(z.object({ assessments: z.array(ZAssessment) }), 'the assessments'),
  },
});

const createRoute = protectedRoute(ACTORS, {
  method: 'post',
  path: '/api/assessments',
  tags: TAGS,
  summary: 'Start a change assessment (a draft); a team member, for their own team',
  request: { body: jsonBody(ZNewAssessment) },
  responses: { 201: jsonResponse(ZAssessment, 'created'), ...ACTION_ERRORS, 409: NO_MODEL },
});

const exposureRoute = protectedRoute(READERS, {
  method: 'post',
  path: '/api/assessments/exposure',
  tags: TAGS,
  summary: 'The exposure of a touchpoint selection, before an assessment is saved',
  request: {
    body: jsonBody(
      z.object({
        touchpoints: z.array(z.string().min(1)).min(1, { error: 'select at least one touchpoint' }),
        plannedGoLive: ZPlannedGoLive.optional(),
      }),
    ),
  },
  responses: {
    200: jsonResponse(ZExposure, 'the exposure'),
    404: errorResponse('no_workspace'),
    409: errorResponse('workspace_invalid'),
    503: errorResponse('starting'),
  },
});

const getRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/assessments/{id}',
  tags: TAGS,
  summary: 'One assessment with its exposure computed from the current analysis',
  request: { params: ZId },
  responses: { 200: jsonResponse(ZAssessmentDetail, 'the assessment'), 404: NOT_FOUND },
});

const updateRoute = protectedRoute(ACTORS, {
  method: 'put',
  path: '/api/assessments/{id}',
  tags: TAGS,
  summary: 'Change an assessment while it is a draft or sent back (only the fields given)',
  request: { params: ZId, body: jsonBody(ZAssessmentChange) },
  responses: {
    200: jsonResponse(ZAssessment, 'changed'),
    ...ACTION_ERRORS,
  },
});

const submitRoute = protectedRoute(ACTORS, {
  method: 'post',
  path: '/api/assessments/{id}/submit',
  tags: TAGS,
  summary: 'Send it to the CX team for review: every question answered, per affected segment',
  request: { params: ZId },
  responses: { 200: jsonResponse(ZAssessment, 'submitted'), ...ACTION_ERRORS },
});

const reviewRoute = protectedRoute(REVIEWERS, {
  method: 'post',
  path: '/api/assessments/{id}/review',
  tags: TAGS,
  summary: 'Approve a submitted assessment, or request changes (with a comment)',
  request: { params: ZId, body: jsonBody(ZReview) },
  responses: { 200: jsonResponse(ZAssessment, 'reviewed'), ...ACTION_ERRORS },
});

const goLiveRoute = protectedRoute(ACTORS, {
  method: 'post',
  path: '/api/assessments/{id}/go-live',
  tags: TAGS,
  summary: 'Record that an approved change went live, optionally linking an improvement action',
  request: { params: ZId, body: jsonBody(ZGoLive) },
  responses: { 200: jsonResponse(ZAssessment, 'live'), ...ACTION_ERRORS },
});

export type TAssessmentRouteOptions = { actions?: (ctx: TServerContext) => TActionLookup };

/** An `AssessmentError` as its answer (each status apart, for the typed responses). */
function answerError(c: Context, e: unknown) {
  if (!(e instanceof AssessmentError)) throw e;
  switch (e.status) {
    case 400:
      return fail(c, 400, e.code, e.message, e.problems);
    case 403:
      return fail(c, 403, e.code, e.message);
    case 404:
      return fail(c, 404, e.code, e.message);
    case 409:
      return fail(c, 409, e.code, e.message);
  }
}

const withCan = (a: TAssessment, who: TPrincipal) => ({ ...a, can: allowed(who, a) });

/** The current model, or why there is none. */
async function currentModel(ctx: TServerContext): Promise<TWorkspace | string> {
  const current = await workspaceModel(ctx.store, ctx.workspaceDir).current();
  if (current === undefined) return 'there is no journeylens.yaml to check the assessment against';
  if (!current.result.ok) {
    return `journeylens.yaml (version ${current.version}) does not validate: fix it first`;
  }
  return current.result.workspace;
}

/** The exposure of a selection from the current analysis, or why there is none. */
async function exposureOf(
  ctx: TServerContext,
  touchpoints: readonly string[],
  plannedGoLive: string | null,
): Promise<TExposure | { unavailable: string; status: 404 | 409 | 503 }> {
  const results = analysisResultsOf(ctx);
  if (results === undefined) return { unavailable: 'the server is still starting', status: 503 };
  const r = await results.get();
  if ('kind' in r) {
    return r.kind === 'no_workspace'
      ? { unavailable: 'there is no journeylens.yaml to analyse with', status: 404 }
      : { unavailable: `journeylens.yaml (version ${r.version}) does not validate`, status: 409 };
  }
  return results.withReader((reader) => computeExposure(reader, r, touchpoints, plannedGoLive));
}

/** The change assessment routes; `actions` looks improvement actions up (tests, the actions module). */
export function assessmentModule(options: TAssessmentRouteOptions = {}): TRouteModule {
  return (app, services) => {
    const ctx = services.context;
    services.onStart(() => ensureAssessmentSchema(ctx.store));
    const actions = options.actions?.(ctx) ?? actionLookup(ctx.store);
    /** What the service needs, or why there is no model to check against. */
    const deps = async (): Promise<TDeps | string> => {
      const workspace = await currentModel(ctx);
      return typeof workspace === 'string' ? workspace : { store: ctx.store, workspace, actions };
    };

    app.openapi(listRoute, async (c) => {
      const who = principalOf(c.var.principal);
      const assessments = await listAssessments(ctx.store, c.req.valid('query'));
      return c.json({ assessments: assessments.map((a) => withCan(a, who)) }, 200);
    });

    app.openapi(createRoute, async (c) => {
      const input = c.req.valid('json');
      const d = await deps();
      if (typeof d === 'string') return fail(c, 409, 'no_workspace', d);
      const who = principalOf(c.var.principal);
      try {
        return c.json(withCan(await createAssessment(d, input, who), who), 201);
      } catch (e) {
        return answerError(c, e);
      }
    });

    app.openapi(exposureRoute, async (c) => {
      const { touchpoints, plannedGoLive } = c.req.valid('json');
      const exposure = await exposureOf(ctx, touchpoints, plannedGoLive ?? null);
      if ('unavailable' in exposure) {
        const code =
          exposure.status === 503
            ? 'starting'
            : exposure.status === 404
              ? 'no_workspace'
              : 'workspace_invalid';
        return fail(c, exposure.status, code, exposure.unavailable);
      }
      return c.json(exposure, 200);
    });

    app.openapi(getRoute, async (c) => {
      const { id } = c.req.valid('param');
      const a = await getAssessment(ctx.store, id);
      if (a === undefined) return fail(c, 404, 'not_found', `no assessment ${id}`);
      const exposure = await exposureOf(ctx, a.touchpoints, a.plannedGoLive);
      const who = principalOf(c.var.principal);
      const unavailable = 'unavailable' in exposure;
      return c.json(
        {
          ...withCan(a, who),
          exposure: unavailable ? null : exposure,
          exposureUnavailable: unavailable ? exposure.unavailable : null,
        },
        200,
      );
    });

    app.openapi(updateRoute, async (c) => {
      const { id } = c.req.valid('param');
      const change = c.req.valid('json');
      if ((await getAssessment(ctx.store, id)) === undefined) {
        return fail(c, 404, 'not_found', `no assessment ${id}`);
      }
      const d = await deps();
      if (typeof d === 'string') return fail(c, 409, 'no_workspace', d);
      const who = principalOf(c.var.principal);
      try {
        return c.json(withCan(await updateAssessment(d, id, change, who), who), 200);
      } catch (e) {
        return answerError(c, e);
      }
    });

    app.openapi(submitRoute, async (c) => {
      const { id } = c.req.valid('param');
      if ((await getAssessment(ctx.store, id)) === undefined) {
        return fail(c, 404, 'not_found', `no assessment ${id}`);
      }
      const d = await deps();
      if (typeof d === 'string') return fail(c, 409, 'no_workspace', d);
      const who = principalOf(c.var.principal);
      try {
        const submitted = await submitAssessment(d, id, who, async (a) => {
          const exposure = await exposureOf(ctx, a.touchpoints, a.plannedGoLive);
          if ('unavailable' in exposure) {
            throw new AssessmentError(
              409,
              'no_exposure',
              `the exposure cannot be computed (${exposure.unavailable}), so the affected segments are not known`,
            );
          }
          return exposure.affectedSegments;
        });
        return c.json(withCan(submitted, who), 200);
      } catch (e) {
        return answerError(c, e);
      }
    });

    app.openapi(reviewRoute, async (c) => {
      const { id } = c.req.valid('param');
      const who = principalOf(c.var.principal);
      try {
        return c.json(
          withCan(await reviewAssessment(ctx.store, id, c.req.valid('json'), who), who),
          200,
        );
      } catch (e) {
        return answerError(c, e);
      }
    });

    app.openapi(goLiveRoute, async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const who = principalOf(c.var.principal);
      try {
        const live = await goLive({ store: ctx.store, actions }, id, input, who);
        return c.json(withCan(live, who), 200);
      } catch (e) {
        return answerError(c, e);
      }
    });
  };
}

export const assessmentRoutes: TRouteModule = assessmentModule();
