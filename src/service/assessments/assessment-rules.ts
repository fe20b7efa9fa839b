/**
 * The rules of change assessments, decided without I/O: what a new assessment or a change
 * must look like (zod, every error naming the field), which workspace ids it may refer to,
 * what must be answered before it is submitted, and who may do what in which status.
 */
import { z } from 'zod';
import type { TWorkspace } from '../../model/workspace-schema.js';
import type { TPrincipal } from '../auth/roles.js';
import type { TAnswers, TAssessment, TAssessmentStatus } from './assessment-types.js';

// Messages leave the field out: every error answer starts with its path ("title: ...").
const text = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .max(max, { error: `must be at most ${max} characters` });

const required = (max: number) => text(max).min(1, { error: 'must not be empty' });

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const ZPlannedGoLive = z
  .string({ error: 'must be a date as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD' })
  .refine(isCalendarDate, { error: 'is not a calendar date' });

export const ZAnswersInput = z.strictObject({
  impact: text(5000).optional(),
  customerView: text(5000).optional(),
  response: z
    .record(z.string().min(1, { error: 'a segment id must not be empty' }), text(5000), {
      error: 'must map segment ids to answers',
    })
    .optional(),
  findOut: text(5000).optional(),
  feedback: text(5000).optional(),
});

const ZTouchpointIds = z
  .array(required(200), { error: 'must be a list of touchpoint ids' })
  .min(1, { error: 'select at least one touchpoint' })
  .max(100, { error: 'at most 100 touchpoints' })
  .refine((ids) => new Set(ids).size === ids.length, {
    error: 'a touchpoint is listed twice',
  });

const ZActionId = required(200).nullable();

export const ZNewAssessment = z.strictObject({
  title: required(200),
  change: required(5000),
  plannedGoLive: ZPlannedGoLive,
  /** Default: the caller's team (a team member may name only their own). */
  ownerTeam: required(200).optional(),
  touchpoints: ZTouchpointIds,
  answers: ZAnswersInput.optional(),
  actionId: ZActionId.optional(),
});
export type TNewAssessment = z.infer<typeof ZNewAssessment>;

export const ZAssessmentChange = z.strictObject({
  title: required(200).optional(),
  change: required(5000).optional(),
  plannedGoLive: ZPlannedGoLive.optional(),
  ownerTeam: required(200).optional(),
  touchpoints: ZTouchpointIds.optional(),
  answers: ZAnswersInput.optional(),
  actionId: ZActionId.optional(),
});
export type TAssessmentChange = z.infer<typeof ZAssessmentChange>;

export const ZReview = z.strictObject({
  decision: z.enum(['approved', 'changes_requested'], {
    error: 'must be approved or changes_requested',
  }),
  comment: text(5000).default(''),
});

export const ZGoLive = z.strictObject({
  /** When it went live; default: now. */
  at: z.iso
    .datetime({ offset: true, error: 'must be an ISO date-time such as 2026-03-01T09:00:00Z' })
    .optional(),
  actionId: ZActionId.optional(),
});

export type TProblem = { field: string; reason: string };

/** Ids the workspace does not know, each as a problem naming its field. */
export function referenceProblems(
  workspace: TWorkspace,
  refs: { ownerTeam?: string; touchpoints?: readonly string[]; segments?: readonly string[] },
): TProblem[] {
  const problems: TProblem[] = [];
  const teams = new Set<string>(workspace.teams.map((t) => t.id));
  const touchpoints = new Set<string>(workspace.touchpoints.map((t) => t.id));
  const segments = new Set<string>(workspace.segments.map((s) => s.id));
  if (refs.ownerTeam !== undefined && !teams.has(refs.ownerTeam)) {
    problems.push({ field: 'ownerTeam', reason: `unknown team "${refs.ownerTeam}"` });
  }
  (refs.touchpoints ?? []).forEach((id, i) => {
    if (!touchpoints.has(id)) {
      problems.push({ field: `touchpoints[${i}]`, reason: `unknown touchpoint "${id}"` });
    }
  });
  for (const id of refs.segments ?? []) {
    if (!segments.has(id)) {
      problems.push({ field: `answers.response.${id}`, reason: `unknown segment "${id}"` });
    }
  }
  return problems;
}

/** Empty answers, filled with what was given. */
export function mergeAnswers(
  base: TAnswers,
  given: z.infer<typeof ZAnswersInput> | undefined,
): TAnswers {
  if (given === undefined) return base;
  const response = { ...base.response, ...(given.response ?? {}) };
  // An empty answer for a segment removes it.
  for (const [k, v] of Object.entries(response)) if (v === '') delete response[k];
  return {
    impact: given.impact ?? base.impact,
    customerView: given.customerView ?? base.customerView,
    response,
    findOut: given.findOut ?? base.findOut,
    feedback: given.feedback ?? base.feedback,
  };
}

export const NO_ANSWERS: TAnswers = {
  impact: '',
  customerView: '',
  response: {},
  findOut: '',
  feedback: '',
};

/** What is missing before an assessment may be submitted: all five answered, per segment. */
export function missingAnswers(answers: TAnswers, affectedSegments: readonly string[]): TProblem[] {
  const problems: TProblem[] = [];
  for (const key of ['impact', 'customerView', 'findOut', 'feedback'] as const) {
    if (answers[key].trim() === '') {
      problems.push({ field: `answers.${key}`, reason: 'must be answered before submitting' });
    }
  }
  for (const segment of affectedSegments) {
    if ((answers.response[segment] ?? '').trim() === '') {
      problems.push({
        field: `answers.response.${segment}`,
        reason: `customers of segment "${segment}" pass these touchpoints: say how they will respond`,
      });
    }
  }
  if (affectedSegments.length === 0 && Object.keys(answers.response).length === 0) {
    problems.push({
      field: 'answers.response',
      reason: 'say how customers will respond, for at least one segment',
    });
  }
  return problems;
}

const isCx = (p: TPrincipal): boolean =>
  p.kind === 'user' && (p.role === 'admin' || p.role === 'cx');

/** A member of the owner team, or the CX team (admin, cx). */
export function actsForTeam(p: TPrincipal, team: string): boolean {
  return isCx(p) || (p.kind === 'user' && p.role === 'team' && p.team === team);
}

const EDITABLE: readonly TAssessmentStatus[] = ['draft', 'changes_requested'];

/** What the principal may do with the assessment now. */
export function allowed(p: TPrincipal, a: Pick<TAssessment, 'ownerTeam' | 'status'>) {
  const own = actsForTeam(p, a.ownerTeam);
  return {
    edit: own && EDITABLE.includes(a.status),
    submit: own && EDITABLE.includes(a.status),
    review: isCx(p) && a.status === 'submitted',
    goLive: own && a.status === 'approved',
  };
}

/** Why a transition is not possible in a status, in words. */
export function statusProblem(
  what: 'edit' | 'submit' | 'review' | 'goLive',
  status: TAssessmentStatus,
): string {
  const need: Record<typeof what, string> = {
    edit: 'draft or changes_requested',
    submit: 'draft or changes_requested',
    review: 'submitted',
    goLive: 'approved',
  };
  return `the assessment is ${status}; it must be ${need[what]} to ${what === 'goLive' ? 'go live' : what}`;
}
