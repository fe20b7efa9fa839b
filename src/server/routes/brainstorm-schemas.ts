/**
 * The OpenAPI shapes of the brainstorm routes. No shape has a field for an entry's author or
 * for the team of one entry: teams appear only as counts, once the session is locked.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { TWriteResult } from '../../service/brainstorms/brainstorms.js';
import { errorResponse, fail } from '../errors.js';

export const ZBrainstormInfo = z
  .object({
    id: z.string().openapi({ example: 'bs-3f9a0c1b2d' }),
    title: z.string(),
    prompt: z.string(),
    teams: z.array(z.string()).openapi({ description: 'the invited teams' }),
    segments: z.array(z.string()).openapi({ description: 'the segments to order journeys for' }),
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.enum(['open', 'locked']),
    createdBy: z.string().openapi({ description: 'who opened it (the CX team)' }),
    entries: z.number().int(),
  })
  .openapi('Brainstorm');

export const ZEntry = z
  .object({
    id: z.string().openapi({ example: 'e-8c1d22f0aa' }),
    n: z.number().int().openapi({ description: 'its order on the board' }),
    text: z.string(),
    channel: z.string().nullable(),
    stage: z.string().nullable(),
    duplicateOf: z.string().nullable(),
    mine: z.boolean().openapi({
      description: 'true only in answers to its author, while the session is open',
    }),
  })
  .openapi('BrainstormEntry');

const ZTeamCount = z.object({ team: z.string(), entries: z.number().int() });

export const ZBoard = z
  .object({
    brainstorm: ZBrainstormInfo,
    entries: z.array(ZEntry),
    teamCounts: z.array(ZTeamCount).nullable().openapi({
      description: 'entries per team of their authors; null while the session is open',
    }),
    canWrite: z.boolean(),
    canCurate: z.boolean(),
    modelVersion: z.number().int(),
    touchpoints: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        stage: z.string(),
        channel: z.string(),
        owner: z.string(),
        entries: z.array(z.string()),
        teams: z.record(z.string(), z.number().int()),
      }),
    ),
    journeys: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        segment: z.string(),
        steps: z.array(z.string()),
      }),
    ),
    model: z.object({
      stages: z.array(z.string()),
      channels: z.array(z.string()),
      teams: z.array(z.object({ id: z.string(), name: z.string() })),
      segments: z.array(z.object({ id: z.string(), name: z.string() })),
      touchpoints: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  })
  .openapi('BrainstormBoard');

export const ZId = z.object({ id: z.string().openapi({ example: 'bs-3f9a0c1b2d' }) });
export const ZEntryPath = ZId.extend({ entryId: z.string().openapi({ example: 'e-8c1d22f0aa' }) });

/** The error answers a brainstorm route may give (the typed handlers need each declared). */
export const REFUSALS = {
  400: errorResponse('invalid: the field and the reason are named'),
  403: errorResponse('forbidden, not_invited, not_your_entry or not_your_team'),
  404: errorResponse('no such brainstorm or entry'),
  409: errorResponse(
    'locked (time is up), still_open (lock it first) or stale (the model changed)',
  ),
};

/** The error answer of a refused service result. */
export function refused(c: Context, r: Exclude<TWriteResult<unknown>, { kind: 'ok' }>) {
  switch (r.kind) {
    case 'not-found':
      return fail(c, 404, 'not_found', r.message);
    case 'locked':
      return fail(c, 409, 'locked', r.message);
    case 'open':
      return fail(c, 409, 'still_open', r.message);
    case 'forbidden':
      return fail(c, 403, r.code, r.message);
  }
}
