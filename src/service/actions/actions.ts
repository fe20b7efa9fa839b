/**
 * Use case: improvement actions (DESIGN.md §1 "action"). An action is created from a friction,
 * gap, deviation or opportunity for the team that owns it, with the metric it must move and
 * that metric's baseline; it moves through its statuses by the allowed moves only; once the
 * data covers the window after its change date it is re-measured on the same definition,
 * before versus after, with the verdict. Every change is written to the audit trail (who,
 * when, what). Knows nothing of HTTP or of who may do what (the routes decide that).
 */
import { randomUUID } from 'node:crypto';
import type { TWorkspace } from '../../model/workspace-schema.js';
import { audit } from '../auth/accounts.js';
import { compareMetric } from '../metrics/compare.js';
import { measureMetrics } from '../metrics/measure.js';
import { checkMetric, MetricError } from '../metrics/metric-check.js';
import { describeMetric } from '../metrics/metric-ref.js';
import type { TStore } from '../../store/store.js';
import { ActionError } from './action-error.js';
import type { TActionChange, TNewAction } from './action-input.js';
import { aroundChange, baselinePeriod, dataEndOf, readiness } from './action-periods.js';
import {
  ensureActionSchema,
  insertAction,
  insertComment,
  latestEvent,
  selectAction,
  selectActions,
  selectComments,
  selectHistory,
  writeAction,
  type TActionFilter,
} from './action-rows.js';
import { checkSource, suggestMetric, suggestTeam } from './action-sources.js';
import {
  ACTION_STATUSES,
  STATUS_MOVES,
  type TAction,
  type TActionComment,
  type TActionDetail,
  type TActionList,
  type TActionResult,
  type TActionStatus,
} from './action-types.js';

export { ActionError };

/** Days measured before and after a change when the action does not say. */
export const DEFAULT_WINDOW_DAYS = 28;
/** Who the audit trail names for re-measurements the server makes by itself. */
export const SYSTEM_ACTOR = 'system:re-measure';

export type TActionsDeps = {
  store: TStore;
  /** The clock (tests pin it). */
  now?: () => Date;
};

const ensured = new WeakSet<TStore>();
/** Creates the tables on the first use of a store. */
async function ensureActionSchemaOnce(store: TStore): Promise<void> {
  if (ensured.has(store)) return;
  await ensureActionSchema(store);
  ensured.add(store);
}

const namesOf = (w: TWorkspace) => ({
  touchpoints: Object.fromEntries(w.touchpoints.map((t) => [t.id, t.name])),
  teams: Object.fromEntries(w.teams.map((t) => [t.id, t.name])),
  segments: Object.fromEntries(w.segments.map((s) => [s.id, s.name])),
  moments: Object.fromEntries(w.momentsOfTruth.map((m) => [`rule:${m.id}`, m.name])),
});

function checkTeam(workspace: TWorkspace, team: string): void {
  const teams = workspace.teams.map((t) => t.id as string);
  if (!teams.includes(team)) {
    throw new ActionError(
      'invalid',
      `team: no team ${team}; the workspace has ${teams.join(', ') || '(none)'}`,
    );
  }
}

const asInstant = (s: string | null | undefined): string | null | undefined =>
  s === null || s === undefined ? s : new Date(Date.parse(s)).toISOString();

/** Runs a metric check, turning its error into an invalid-request error. */
function metricCheck(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof MetricError) throw new ActionError('invalid', e.message);
    throw e;
  }
}

export class ActionService {
  private readonly now: () => Date;
  constructor(private readonly deps: TActionsDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  private get store(): TStore {
    return this.deps.store;
  }

  /** Creates an action with its baseline measured now. */
  async create(workspace: TWorkspace, input: TNewAction, actor: string): Promise<TAction> {
    await ensureActionSchemaOnce(this.store);
    checkSource(workspace, input.source);
    const team = input.team ?? suggestTeam(workspace, input.source);
    if (team === undefined) {
      throw new ActionError(
        'invalid',
        'team: the source names no touchpoint with an owner; give the team',
      );
    }
    checkTeam(workspace, team);
    const metric = input.metric ?? suggestMetric(workspace, input.source);
    metricCheck(() => checkMetric(workspace, metric));
    const windowDays = input.windowDays ?? DEFAULT_WINDOW_DAYS;
    const changeDate = asInstant(input.changeDate) ?? null;
    const at = this.now().toISOString();
    const dataEnd = dataEndOf(await latestEvent(this.store));
    const window = baselinePeriod(changeDate, dataEnd, windowDays);
    const baseline =
      'period' in window
        ? ((await measureMetrics(this.store, workspace, [metric], window.period))[0] ?? null)
        : null;
    const action: TAction = {
      id: `act_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
      title: input.title,
      source: input.source,
      problem: input.problem ?? '',
      plan: input.plan ?? '',
      team,
      dueDate: input.dueDate ?? null,
      status: input.status ?? 'proposed',
      metric,
      metricLabel: describeMetric(metric, namesOf(workspace)),
      windowDays,
      baseline,
      baselineNote: 'note' in window ? window.note : null,
      changeDate,
      measurableFrom:
        changeDate === null ? null : aroundChange(changeDate, windowDays).measurableFrom,
      result: null,
      comments: 0,
      createdBy: actor,
      createdAt: at,
      updatedBy: actor,
      updatedAt: at,
    };
    await this.store.transaction(async () => {
      await insertAction(this.store, action);
      await audit(this.store, {
        actor,
        action: 'action.create',
        target: action.id,
        detail: {
          title: action.title,
          source: action.source,
          team,
          status: action.status,
          metric,
          baseline:
            baseline === null
              ? null
              : { value: baseline.value, n: baseline.n, from: baseline.from, to: baseline.to },
        },
      });
    });
    return action;
  }

  async list(filter: TActionFilter = {}): Promise<TActionList> {
    await ensureActionSchemaOnce(this.store);
    const actions = await selectActions(this.store, filter);
    const counts = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<
      TActionStatus,
      number
    >;
    for (const a of actions) counts[a.status]++;
    return { actions, counts, team: filter.team ?? null };
  }

  async get(id: string): Promise<TAction | undefined> {
    await ensureActionSchemaOnce(this.store);
    return selectAction(this.store, id);
  }

  async detail(id: string): Promise<TActionDetail | undefined> {
    const action = await this.get(id);
    if (action === undefined) return undefined;
    return {
      ...action,
      commentList: await selectComments(this.store, id),
      history: await selectHistory(this.store, id),
    };
  }

  private async existing(id: string): Promise<TAction> {
    const action = await this.get(id);
    if (action === undefined) throw new ActionError('not_found', `no action ${id}`);
    return action;
  }

  /**
   * Changes an action; a status moves only along STATUS_MOVES. Moving to done without a
   * change date sets it to now. A new change date or window makes an earlier result stale,
   * so it is cleared.
   */
  async update(
    workspace: TWorkspace,
    id: string,
    change: TActionChange,
    actor: string,
  ): Promise<TAction> {
    const action = await this.existing(id);
    const next: TAction = { ...action };
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    const set = <K extends keyof TAction>(key: K, value: TAction[K]): void => {
      if (JSON.stringify(action[key]) === JSON.stringify(value)) return;
      changed[key] = { from: action[key], to: value };
      next[key] = value;
    };
    if (change.status !== undefined && change.status !== action.status) {
      const allowed = STATUS_MOVES[action.status];
      if (!allowed.includes(change.status)) {
        throw new ActionError(
          'conflict',
          `status: an action that is ${action.status} can move to ${allowed.join(' or ')}, not ${change.status}`,
        );
      }
      set('status', change.status);
      if (
        change.status === 'done' &&
        change.changeDate === undefined &&
        action.changeDate === null
      ) {
        set('changeDate', this.now().toISOString());
      }
    }
    if (change.team !== undefined) {
      checkTeam(workspace, change.team);
      set('team', change.team);
    }
    if (change.title !== undefined) set('title', change.title);
    if (change.problem !== undefined) set('problem', change.problem);
    if (change.plan !== undefined) set('plan', change.plan);
    if (change.dueDate !== undefined) set('dueDate', change.dueDate);
    if (change.changeDate !== undefined) set('changeDate', asInstant(change.changeDate) ?? null);
    if (change.windowDays !== undefined) set('windowDays', change.windowDays);
    if (Object.keys(changed).length === 0) return action;
    if (('changeDate' in changed || 'windowDays' in changed) && action.result !== null) {
      set('result', null);
    }
    next.measurableFrom =
      next.changeDate === null
        ? null
        : aroundChange(next.changeDate, next.windowDays).measurableFrom;
    next.updatedBy = actor;
    next.updatedAt = this.now().toISOString();
    await this.store.transaction(async () => {
      await writeAction(this.store, next);
      await audit(this.store, {
        actor,
        action: 'action.update',
        target: id,
        detail: Object.fromEntries(
          Object.entries(changed).map(([k, v]) => [
            k,
            k === 'result' ? { from: 'measured', to: 'cleared: the windows changed' } : v,
          ]),
        ),
      });
    });
    return next;
  }

  async comment(id: string, body: string, actor: string): Promise<TActionComment> {
    await this.existing(id);
    const at = this.now().toISOString();
    return this.store.transaction(async () => {
      const comment = await insertComment(this.store, id, actor, body, at);
      await audit(this.store, {
        actor,
        action: 'action.comment',
        target: id,
        detail: { comment: comment.id, body },
      });
      return comment;
    });
  }

  /** Whether the action can be re-measured now, and if not, why. */
  async readiness(action: TAction): Promise<{ ready: true } | { ready: false; reason: string }> {
    return readiness(
      action.changeDate,
      action.windowDays,
      dataEndOf(await latestEvent(this.store)),
    );
  }

  /**
   * Re-measures every action whose window after the change date the data now covers and that
   * has no result yet (dropped ones aside): what the server does after new data arrives.
   * Returns the ids re-measured.
   */
  async remeasureDue(workspace: TWorkspace, actor = SYSTEM_ACTOR): Promise<string[]> {
    await ensureActionSchemaOnce(this.store);
    const dataEnd = dataEndOf(await latestEvent(this.store));
    const due = (await selectActions(this.store)).filter(
      (a) =>
        a.status !== 'dropped' &&
        a.result === null &&
        readiness(a.changeDate, a.windowDays, dataEnd).ready,
    );
    const done: string[] = [];
    for (const a of due) {
      try {
        metricCheck(() => checkMetric(workspace, a.metric));
      } catch {
        continue; // The model no longer has what the metric names: a person must look.
      }
      await this.remeasure(workspace, a.id, actor);
      done.push(a.id);
    }
    return done;
  }

  /**
   * Measures the action's metric before and after its change date, on the same definition
   * and windows of the same length, and records the verdict.
   */
  async remeasure(workspace: TWorkspace, id: string, actor: string): Promise<TAction> {
    const action = await this.existing(id);
    const ready = await this.readiness(action);
    if (!ready.ready) throw new ActionError('not_ready', `cannot re-measure yet: ${ready.reason}`);
    const changeDate = action.changeDate ?? '';
    metricCheck(() => checkMetric(workspace, action.metric));
    const { before: b, after: a } = aroundChange(changeDate, action.windowDays);
    const [before] = await measureMetrics(this.store, workspace, [action.metric], b);
    const [after] = await measureMetrics(this.store, workspace, [action.metric], a);
    if (before === undefined || after === undefined) throw new Error('a measurement is missing');
    const result: TActionResult = {
      before,
      after,
      comparison: compareMetric(before, after),
      measuredAt: this.now().toISOString(),
      measuredBy: actor,
    };
    const next: TAction = { ...action, result, updatedBy: actor, updatedAt: result.measuredAt };
    await this.store.transaction(async () => {
      await writeAction(this.store, next);
      await audit(this.store, {
        actor,
        action: 'action.remeasure',
        target: id,
        detail: {
          before: { value: before.value, n: before.n, from: before.from, to: before.to },
          after: { value: after.value, n: after.n, from: after.from, to: after.to },
          verdict: result.comparison.verdict,
          difference: result.comparison.difference,
          interval: result.comparison.interval,
        },
      });
    });
    return next;
  }
}
