/**
 * For route modules that read further into the analysis (friction trend, verbatim search):
 * the current results and the model they were computed with, or the answer that says why
 * there are none — the same answers as GET /api/analysis/{section}. Extra queries then run on
 * the reading session with `results.withReader`, after the computation, so they see the
 * scratch tables (`jl_friction`, `jl_feedback`) of the results they are served with.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AnalysisResults, TResults } from '../../service/analysis-results.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import { workspaceModel } from '../../service/workspace-model.js';
import type { TServerContext } from '../context.js';
import { fail, ZError } from '../errors.js';
import { ANY_PERSON } from '../route.js';
import { analysisResultsOf } from './analysis-routes.js';

export const READERS = { roles: ANY_PERSON, scopes: ['read'] } as const;

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZError } },
});

/** The answers when there are no results, for the OpenAPI description. */
export const UNAVAILABLE = {
  404: error('no_workspace: the workspace folder has no journeylens.yaml'),
  409: error('workspace_invalid: journeylens.yaml does not validate (details: its errors)'),
  503: error('starting: the server is still starting'),
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

/** The current results, or the error answer (503, 404 or 409) to send instead. */
export async function currentResults(
  c: Context,
  ctx: TServerContext,
): Promise<TCurrent | Response> {
  const analysis = analysisResultsOf(ctx);
  if (analysis === undefined) return fail(c, 503, 'starting', 'the server is still starting');
  const r = await analysis.get();
  if ('kind' in r) {
    if (r.kind === 'no_workspace') {
      return fail(c, 404, 'no_workspace', 'there is no journeylens.yaml to analyse with');
    }
    return fail(
      c,
      409,
      'workspace_invalid',
      `journeylens.yaml (version ${r.version}) does not validate, so the analysis cannot run: fix it (GET /api/workspace shows the errors)`,
      r.errors,
    );
  }
  const model = await workspaceModel(ctx.store, ctx.workspaceDir).current();
  if (model === undefined || !model.result.ok) {
    // Changed between the two looks: the next request computes the results again.
    return fail(c, 503, 'starting', 'the model changed while reading it: try again');
  }
  return { results: r, workspace: model.result.workspace, analysis };
}
