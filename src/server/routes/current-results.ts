/**
 * For route modules that read further into the analysis (friction trend, verbatim search):
 * the current results and the model they were computed with, or the answer that says why
 * there are none — the same answers as GET /api/analysis/{section}. Extra queries then run on
 * the reading session with `results.withReader`, after the computation, so they see the
 * scratch tables (`jl_friction`, `jl_feedback`) of the results they are served with.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AnalysisResults, TResults, TUnavailable } from '../../service/analysis-results.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import type { TServerContext } from '../context.js';
import { errorResponse, fail } from '../errors.js';
import { ANY_PERSON } from '../route.js';

export const READERS = { roles: ANY_PERSON, scopes: ['read'] } as const;

/** The answers when there are no results, for the OpenAPI description. */
export const UNAVAILABLE = {
  404: errorResponse('no_workspace: the workspace folder has no journeylens.yaml'),
  409: errorResponse('workspace_invalid: journeylens.yaml does not validate (details: its errors)'),
  503: errorResponse('starting: the server is still starting'),
};

/** The head of every answer: which model version and when. */
export const ZResultsHead = {
  modelVersion: z.number().int().openapi({ description: 'the model version the results use' }),
  computedAt: z.string().openapi({ description: 'when the results were computed' }),
};

export type TCurrent = {
  results: TResults;
  workspace: TWorkspace;
  analysis: AnalysisResults;
};

const shared = new WeakMap<TServerContext, AnalysisResults>();

/** Called by the analysis module when the server starts (with the results) and stops. */
export function shareAnalysisResults(
  ctx: TServerContext,
  results: AnalysisResults | undefined,
): void {
  if (results === undefined) shared.delete(ctx);
  else shared.set(ctx, results);
}

/**
 * The server's analysis results, for every module that reads them: one cache and one queue on
 * the reading session for all. Undefined until the server has started.
 */
export function analysisResultsOf(ctx: TServerContext): AnalysisResults | undefined {
  return shared.get(ctx);
}

/** The answer when there are no results: no model (404) or a model that does not validate (409). */
export function unavailableAnswer(c: Context, u: TUnavailable) {
  if (u.kind === 'no_workspace') {
    return fail(c, 404, 'no_workspace', 'there is no journeylens.yaml to analyse with');
  }
  return fail(
    c,
    409,
    'workspace_invalid',
    `journeylens.yaml (version ${u.version}) does not validate, so the analysis cannot run: fix it (GET /api/workspace shows the errors)`,
    u.errors,
  );
}

/** The current results, or the error answer (503, 404 or 409) to send instead. */
export async function currentResults(c: Context, ctx: TServerContext) {
  const analysis = analysisResultsOf(ctx);
  if (analysis === undefined) return fail(c, 503, 'starting', 'the server is still starting');
  const r = await analysis.get();
  if ('kind' in r) return unavailableAnswer(c, r);
  const current: TCurrent = { results: r, workspace: r.workspace, analysis };
  return current;
}
