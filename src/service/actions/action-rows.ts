/**
 * Reading and writing action rows (src/query/action-schema.ts): JSON columns in and out,
 * instants as ISO text. No rules here; actions.ts decides what may change.
 */
import { createActionSchema } from '../../query/action-schema.js';
import { join, sql, type TSql } from '../../query/sql.js';
import type { TStore } from '../../store/store.js';
import { aroundChange } from './action-periods.js';
import type {
  TAction,
  TActionComment,
  TActionHistoryEntry,
  TActionResult,
  TActionSource,
  TActionStatus,
  TMeasurement,
  TMetricRef,
} from './action-types.js';

export async function ensureActionSchema(store: TStore): Promise<void> {
  for (const statement of createActionSchema()) await store.exec(statement);
}

type TRow = {
  id: string;
  title: string;
  source: string;
  problem: string;
  plan: string;
  team: string;
  due_date: string | null;
  status: string;
  metric: string;
  metric_label: string;
  window_days: number;
  baseline: string | null;
  baseline_note: string | null;
  change_date: Date | null;
  result: string | null;
  comments: number;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
};

const COLUMNS = sql`a.id, a.title, a.source, a.problem, a.plan, a.team, a.due_date, a.status,
  a.metric, a.metric_label, a.window_days, a.baseline, a.baseline_note, a.change_date, a.result,
  a.created_by, a.created_at, a.updated_by, a.updated_at,
  (SELECT count(*) FROM action_comments c WHERE c.action_id = a.id) AS comments`;

const isoOf = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

function fromRow(r: TRow): TAction {
  const changeDate = isoOf(r.change_date);
  return {
    id: r.id,
    title: r.title,
    source: JSON.parse(r.source) as TActionSource,
    problem: r.problem,
    plan: r.plan,
    team: r.team,
    dueDate: r.due_date,
    status: r.status as TActionStatus,
    metric: JSON.parse(r.metric) as TMetricRef,
    metricLabel: r.metric_label,
    windowDays: r.window_days,
    baseline: r.baseline === null ? null : (JSON.parse(r.baseline) as TMeasurement),
    baselineNote: r.baseline_note,
    changeDate,
    measurableFrom:
      changeDate === null ? null : aroundChange(changeDate, r.window_days).measurableFrom,
    result: r.result === null ? null : (JSON.parse(r.result) as TActionResult),
    comments: Number(r.comments),
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export type TActionFilter = {
  team?: string | undefined;
  status?: TActionStatus | undefined;
  sourceKind?: TActionSource['kind'] | undefined;
  touchpoint?: string | undefined;
};

export async function selectActions(store: TStore, filter: TActionFilter = {}): Promise<TAction[]> {
  const where: TSql[] = [];
  if (filter.team !== undefined) where.push(sql`a.team = ${filter.team}`);
  if (filter.status !== undefined) where.push(sql`a.status = ${filter.status}`);
  if (filter.sourceKind !== undefined) where.push(sql`a.source_kind = ${filter.sourceKind}`);
  if (filter.touchpoint !== undefined) {
    where.push(sql`json_extract_string(a.source, '$.touchpoint') = ${filter.touchpoint}`);
  }
  const rows = await store.all<TRow>(sql`SELECT ${COLUMNS} FROM actions a
    ${where.length === 0 ? sql`` : sql`WHERE ${join(where, ' AND ')}`}
    ORDER BY a.created_at, a.id`);
  return rows.map(fromRow);
}

export async function selectAction(store: TStore, id: string): Promise<TAction | undefined> {
  const [row] = await store.all<TRow>(sql`SELECT ${COLUMNS} FROM actions a WHERE a.id = ${id}`);
  return row === undefined ? undefined : fromRow(row);
}

export async function insertAction(store: TStore, a: TAction): Promise<void> {
  await store.exec(sql`INSERT INTO actions (id, title, source_kind, source, problem, plan, team,
      due_date, status, metric, metric_label, window_days, baseline, baseline_note, change_date,
      result, created_by, created_at, updated_by, updated_at)
    VALUES (${a.id}, ${a.title}, ${a.source.kind}, ${JSON.stringify(a.source)}, ${a.problem},
      ${a.plan}, ${a.team}, ${a.dueDate}, ${a.status}, ${JSON.stringify(a.metric)}, ${a.metricLabel},
      ${a.windowDays}, ${a.baseline === null ? null : JSON.stringify(a.baseline)}, ${a.baselineNote},
      CAST(${a.changeDate} AS TIMESTAMPTZ), NULL, ${a.createdBy}, CAST(${a.createdAt} AS TIMESTAMPTZ),
      ${a.updatedBy}, CAST(${a.updatedAt} AS TIMESTAMPTZ))`);
}

/** Writes the changeable columns of `a` as they are now. */
export async function writeAction(store: TStore, a: TAction): Promise<void> {
  await store.exec(sql`UPDATE actions SET title = ${a.title}, problem = ${a.problem}, plan = ${a.plan},
      team = ${a.team}, due_date = ${a.dueDate}, status = ${a.status}, window_days = ${a.windowDays},
      baseline = ${a.baseline === null ? null : JSON.stringify(a.baseline)},
      baseline_note = ${a.baselineNote}, change_date = CAST(${a.changeDate} AS TIMESTAMPTZ),
      result = ${a.result === null ? null : JSON.stringify(a.result)},
      updated_by = ${a.updatedBy}, updated_at = CAST(${a.updatedAt} AS TIMESTAMPTZ)
    WHERE id = ${a.id}`);
}

export async function insertComment(
  store: TStore,
  actionId: string,
  author: string,
  body: string,
  at: string,
): Promise<TActionComment> {
  const [row] = await store.all<{ id: number }>(sql`INSERT INTO action_comments
      (action_id, author, body, created_at)
    VALUES (${actionId}, ${author}, ${body}, CAST(${at} AS TIMESTAMPTZ)) RETURNING id`);
  return { id: Number(row?.id ?? 0), author, body, createdAt: at };
}

export async function selectComments(store: TStore, actionId: string): Promise<TActionComment[]> {
  const rows = await store.all<{ id: number; author: string; body: string; created_at: Date }>(
    sql`SELECT id, author, body, created_at FROM action_comments WHERE action_id = ${actionId}
      ORDER BY created_at, id`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    author: r.author,
    body: r.body,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** The audited changes of an action, oldest first. */
export async function selectHistory(
  store: TStore,
  actionId: string,
): Promise<TActionHistoryEntry[]> {
  const rows = await store.all<{
    happened_at: Date;
    actor: string;
    action: string;
    detail: string | null;
  }>(
    sql`SELECT happened_at, actor, action, CAST(detail AS VARCHAR) AS detail FROM audit_log
      WHERE target = ${actionId} AND action LIKE 'action.%' ORDER BY id`,
  );
  return rows.map((r) => ({
    at: new Date(r.happened_at).toISOString(),
    actor: r.actor,
    action: r.action,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
  }));
}

/** The latest event's time (null without events). */
export async function latestEvent(store: TStore): Promise<Date | null> {
  const [row] = await store.all<{ last: Date | null }>(sql`SELECT max(ts) AS last FROM events`);
  return row?.last ?? null;
}
