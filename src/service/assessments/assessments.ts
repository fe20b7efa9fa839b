/**
 * Change assessments ("5 Hows") in the store: create, read, change the answers while a draft
 * (or sent back), submit, review (approve or request changes) and go live. Every transition
 * checks who acts and the status, and leaves an audit entry; each failure is an
 * `AssessmentError` with the HTTP status, a code and a message that names the field and the
 * reason. Knows nothing of HTTP beyond those numbers; the exposure is computed apart
 * (exposure.ts) because it needs the analysis session.
 */
import { randomUUID } from 'node:crypto';
import type { TWorkspace } from '../../model/workspace-schema.js';
import { createAssessmentSchema } from '../../query/assessment-schema.js';
import { sql } from '../../query/sql.js';
import type { TStore } from '../../store/store.js';
import { selectAction, ensureActionSchema } from '../actions/action-rows.js';
import { audit } from '../auth/accounts.js';
import { describePrincipal, type TPrincipal } from '../auth/roles.js';
import {
  actsForTeam,
  allowed,
  mergeAnswers,
  missingAnswers,
  NO_ANSWERS,
  referenceProblems,
  statusProblem,
  type TAssessmentChange,
  type TNewAssessment,
  type TProblem,
} from './assessment-rules.js';
import type { TAnswers, TAssessment, TAssessmentStatus } from './assessment-types.js';

export class AssessmentError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
    readonly problems?: TProblem[],
  ) {
    super(message);
  }
}

const invalid = (problems: TProblem[]): AssessmentError =>
  new AssessmentError(
    400,
    'invalid',
    problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
    problems,
  );

/**
 * Whether an improvement action exists: true or false when it can be told, undefined when
 * not (the id is then kept as a reference).
 */
export type TActionLookup = (id: string) => Promise<boolean | undefined>;

/** Looks improvement actions up in the actions module's table (made here if missing). */
export function actionLookup(store: TStore): TActionLookup {
  let ready: Promise<void> | undefined;
  return async (id) => {
    ready ??= ensureActionSchema(store);
    await ready;
    return (await selectAction(store, id)) !== undefined;
  };
}

export async function ensureAssessmentSchema(store: TStore): Promise<void> {
  for (const statement of createAssessmentSchema()) await store.exec(statement);
}

type TRow = {
  id: string;
  title: string;
  change_description: string;
  planned_go_live: string;
  owner_team: string;
  touchpoints: string;
  answers: string;
  status: TAssessmentStatus;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_decision: 'approved' | 'changes_requested' | null;
  review_comment: string | null;
  live_at: Date | null;
  action_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
};

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

function fromRow(r: TRow): TAssessment {
  return {
    id: r.id,
    title: r.title,
    change: r.change_description,
    plannedGoLive: r.planned_go_live,
    ownerTeam: r.owner_team,
    touchpoints: JSON.parse(r.touchpoints) as string[],
    answers: { ...NO_ANSWERS, ...(JSON.parse(r.answers) as Partial<TAnswers>) },
    status: r.status,
    review:
      r.review_decision === null || r.reviewed_by === null || r.reviewed_at === null
        ? null
        : {
            by: r.reviewed_by,
            at: iso(r.reviewed_at) ?? '',
            decision: r.review_decision,
            comment: r.review_comment ?? '',
          },
    liveAt: iso(r.live_at),
    actionId: r.action_id,
    createdBy: r.created_by,
    createdAt: iso(r.created_at) ?? '',
    updatedAt: iso(r.updated_at) ?? '',
  };
}

export async function listAssessments(
  store: TStore,
  filter: { status?: TAssessmentStatus; team?: string } = {},
): Promise<TAssessment[]> {
  const rows = await store.all<TRow>(sql`SELECT * FROM assessments
    WHERE (${filter.status ?? null} IS NULL OR status = ${filter.status ?? null})
      AND (${filter.team ?? null} IS NULL OR owner_team = ${filter.team ?? null})
    ORDER BY updated_at DESC, id`);
  return rows.map(fromRow);
}

export async function getAssessment(store: TStore, id: string): Promise<TAssessment | undefined> {
  const [row] = await store.all<TRow>(sql`SELECT * FROM assessments WHERE id = ${id}`);
  return row === undefined ? undefined : fromRow(row);
}

async function mustGet(store: TStore, id: string): Promise<TAssessment> {
  const a = await getAssessment(store, id);
  if (a === undefined) throw new AssessmentError(404, 'not_found', `no assessment ${id}`);
  return a;
}

async function checkAction(lookup: TActionLookup, actionId: string | null | undefined) {
  if (actionId === null || actionId === undefined) return;
  if ((await lookup(actionId)) === false) {
    throw invalid([{ field: 'actionId', reason: `no improvement action "${actionId}"` }]);
  }
}

function checkTeam(who: TPrincipal, team: string, field = 'ownerTeam'): void {
  if (!actsForTeam(who, team)) {
    throw new AssessmentError(
      403,
      'not_your_team',
      `${field}: only members of team "${team}" and the CX team may do this`,
    );
  }
}

export type TDeps = { store: TStore; workspace: TWorkspace; actions: TActionLookup };

export async function createAssessment(
  deps: TDeps,
  input: TNewAssessment,
  who: TPrincipal,
): Promise<TAssessment> {
  const ownerTeam = input.ownerTeam ?? (who.kind === 'user' ? (who.team ?? undefined) : undefined);
  if (ownerTeam === undefined) {
    throw invalid([{ field: 'ownerTeam', reason: 'name the team that makes the change' }]);
  }
  const answers = mergeAnswers(NO_ANSWERS, input.answers);
  const problems = referenceProblems(deps.workspace, {
    ownerTeam,
    touchpoints: input.touchpoints,
    segments: Object.keys(answers.response),
  });
  if (problems.length > 0) throw invalid(problems);
  checkTeam(who, ownerTeam);
  await checkAction(deps.actions, input.actionId);
  const id = `asm_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const actor = describePrincipal(who);
  await deps.store.exec(sql`INSERT INTO assessments (id, title, change_description,
      planned_go_live, owner_team, touchpoints, answers, status, action_id, created_by,
      created_at, updated_at)
    VALUES (${id}, ${input.title}, ${input.change}, ${input.plannedGoLive}, ${ownerTeam},
      ${JSON.stringify(input.touchpoints)}, ${JSON.stringify(answers)}, 'draft',
      ${input.actionId ?? null}, ${actor}, now(), now())`);
  await audit(deps.store, {
    actor,
    action: 'assessment.create',
    target: id,
    detail: { title: input.title, ownerTeam, touchpoints: input.touchpoints },
  });
  return mustGet(deps.store, id);
}

export async function updateAssessment(
  deps: TDeps,
  id: string,
  change: TAssessmentChange,
  who: TPrincipal,
): Promise<TAssessment> {
  const a = await mustGet(deps.store, id);
  checkTeam(who, a.ownerTeam);
  if (change.ownerTeam !== undefined) checkTeam(who, change.ownerTeam);
  if (!allowed(who, a).edit)
    throw new AssessmentError(409, 'wrong_status', statusProblem('edit', a.status));
  const answers = mergeAnswers(a.answers, change.answers);
  const problems = referenceProblems(deps.workspace, {
    ...(change.ownerTeam === undefined ? {} : { ownerTeam: change.ownerTeam }),
    ...(change.touchpoints === undefined ? {} : { touchpoints: change.touchpoints }),
    segments: Object.keys(change.answers?.response ?? {}),
  });
  if (problems.length > 0) throw invalid(problems);
  await checkAction(deps.actions, change.actionId);
  const next = {
    title: change.title ?? a.title,
    change: change.change ?? a.change,
    plannedGoLive: change.plannedGoLive ?? a.plannedGoLive,
    ownerTeam: change.ownerTeam ?? a.ownerTeam,
    touchpoints: change.touchpoints ?? a.touchpoints,
    actionId: change.actionId === undefined ? a.actionId : change.actionId,
  };
  await deps.store.exec(sql`UPDATE assessments SET title = ${next.title},
      change_description = ${next.change}, planned_go_live = ${next.plannedGoLive},
      owner_team = ${next.ownerTeam}, touchpoints = ${JSON.stringify(next.touchpoints)},
      answers = ${JSON.stringify(answers)}, action_id = ${next.actionId}, updated_at = now()
    WHERE id = ${id}`);
  await audit(deps.store, {
    actor: describePrincipal(who),
    action: 'assessment.update',
    target: id,
    detail: { fields: Object.keys(change) },
  });
  return mustGet(deps.store, id);
}

/**
 * Sends the assessment to the CX team for review. Every question must be answered, and "how
 * will customers respond" for every segment in `affectedSegments` (from the exposure).
 */
export async function submitAssessment(
  deps: TDeps,
  id: string,
  who: TPrincipal,
  affectedSegments: (a: TAssessment) => Promise<readonly string[]>,
): Promise<TAssessment> {
  const a = await mustGet(deps.store, id);
  checkTeam(who, a.ownerTeam);
  if (!allowed(who, a).submit)
    throw new AssessmentError(409, 'wrong_status', statusProblem('submit', a.status));
  const missing = missingAnswers(a.answers, await affectedSegments(a));
  if (missing.length > 0) {
    throw new AssessmentError(
      400,
      'incomplete',
      missing.map((p) => `${p.field}: ${p.reason}`).join('; '),
      missing,
    );
  }
  return transition(deps.store, a, 'submitted', who, 'assessment.submit');
}

export async function reviewAssessment(
  store: TStore,
  id: string,
  review: { decision: 'approved' | 'changes_requested'; comment: string },
  who: TPrincipal,
): Promise<TAssessment> {
  const a = await mustGet(store, id);
  if (!allowed(who, { ...a, status: 'submitted' }).review) {
    throw new AssessmentError(403, 'forbidden', 'only the CX team (admin, cx) reviews assessments');
  }
  if (a.status !== 'submitted')
    throw new AssessmentError(409, 'wrong_status', statusProblem('review', a.status));
  if (review.decision === 'changes_requested' && review.comment.trim() === '') {
    throw invalid([{ field: 'comment', reason: 'say which changes are needed' }]);
  }
  const actor = describePrincipal(who);
  await store.exec(sql`UPDATE assessments SET status = ${review.decision},
      reviewed_by = ${actor}, reviewed_at = now(), review_decision = ${review.decision},
      review_comment = ${review.comment}, updated_at = now()
    WHERE id = ${id}`);
  await audit(store, {
    actor,
    action: `assessment.${review.decision === 'approved' ? 'approve' : 'request_changes'}`,
    target: id,
    detail: { comment: review.comment },
  });
  return mustGet(store, id);
}

export async function goLive(
  deps: Pick<TDeps, 'store' | 'actions'>,
  id: string,
  input: { at?: string | undefined; actionId?: string | null | undefined },
  who: TPrincipal,
): Promise<TAssessment> {
  const a = await mustGet(deps.store, id);
  checkTeam(who, a.ownerTeam);
  if (!allowed(who, a).goLive)
    throw new AssessmentError(409, 'wrong_status', statusProblem('goLive', a.status));
  await checkAction(deps.actions, input.actionId);
  const at = input.at === undefined ? new Date() : new Date(input.at);
  const actionId = input.actionId === undefined ? a.actionId : input.actionId;
  const actor = describePrincipal(who);
  await deps.store.exec(sql`UPDATE assessments SET status = 'live',
      live_at = CAST(${at.toISOString()} AS TIMESTAMPTZ), action_id = ${actionId}, updated_at = now()
    WHERE id = ${id}`);
  await audit(deps.store, {
    actor,
    action: 'assessment.go_live',
    target: id,
    detail: { liveAt: at.toISOString(), actionId },
  });
  return mustGet(deps.store, id);
}

async function transition(
  store: TStore,
  a: TAssessment,
  status: TAssessmentStatus,
  who: TPrincipal,
  action: string,
): Promise<TAssessment> {
  await store.exec(
    sql`UPDATE assessments SET status = ${status}, updated_at = now() WHERE id = ${a.id}`,
  );
  await audit(store, {
    actor: describePrincipal(who),
    action,
    target: a.id,
    detail: { from: a.status },
  });
  return mustGet(store, a.id);
}
