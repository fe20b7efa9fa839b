/**
 * Journey instances in SQL: the events of a workspace become `jl_journey_steps` (one row per
 * event whose activity maps to a touchpoint) and `jl_journeys` (one row per journey), built in
 * the engine in ONE ordering pass. Friction, conformance, stage metrics and moments of truth
 * all read these two tables; none of them sorts the events again.
 *
 * The ordering pass is the expensive part (a window over every step), so it carries only
 * narrow columns — seq, customer, journey, time, touchpoint code — and computes in that same
 * pass everything that needs journey order: the position, the previous touchpoint, whether the
 * touchpoint was passed before (a loop, kept as 64-bit words of seen touchpoints) and the time
 * since the latest `from` step of each between-touchpoint service level. Wide columns
 * (channel, outcome, wait, reason) stay in `events` and are joined on `seq` only for the few
 * rows that need them.
 *
 * A journey is the case id where given; events without one are split per customer by the
 * inactivity gap (two more window passes, only over such events). Unmapped activities are not
 * steps: they are counted and reported. DuckDB dialect. Strings only, no I/O.
 *
 * The readers' names (`jl_journey_steps`, `jl_journeys`, `jl_customer_masks`) are temp views
 * over one of two sets of tables: this session's own (built for a filter, or when the journey
 * index is not current), or the store's journey index (journey-index.ts), kept up to date by
 * imports and analyses (updated after new events, rebuilt when the journey settings change).
 */
import type { TJourneyFilter, TJourneyPlan } from './journeys-plan.js';
import { rulePredicate } from './segment-sql.js';
import { join, param, raw, sql, type TSql, type TSqlValue } from './sql.js';

export const JOURNEY_STEPS = 'jl_journey_steps';
export const JOURNEYS = 'jl_journeys';
/** One row per customer: the touchpoints and stages they passed, as bit masks. */
export const CUSTOMER_MASKS = 'jl_customer_masks';

/**
 * Where the steps, journeys and customer masks are built, with the lookups they were formed
 * with (activities and their codes, segments), and whether they last the session only.
 */
export type TJourneyTables = {
  steps: string;
  journeys: string;
  masks: string;
  activities: string;
  segments: string;
  temp: boolean;
};
/** This session's own journey tables. */
export const SESSION_TABLES: TJourneyTables = {
  steps: 'jl_session_steps',
  journeys: 'jl_session_journeys',
  masks: 'jl_session_customer_masks',
  activities: 'jl_session_activities',
  segments: 'jl_session_segments',
  temp: true,
};
/** The store's journey index: kept between sessions, current while its key matches. */
export const INDEX_TABLES: TJourneyTables = {
  steps: 'jl_index_steps',
  journeys: 'jl_index_journeys',
  masks: 'jl_index_customer_masks',
  activities: 'jl_index_activities',
  segments: 'jl_index_segments',
  temp: false,
};

const createTable = (tables: TJourneyTables, name: string): TSql =>
  raw(`CREATE OR REPLACE ${tables.temp ? 'TEMP TABLE' : 'TABLE'} ${name}`);
/** Touchpoint codes and attributes; stays for the analyses of the session. */
export const TOUCHPOINTS = 'jl_touchpoints';

/** The stage's name for a stage position (`column`): a lookup in the touchpoints. */
export function stageOfIndex(column: string): TSql {
  return raw(`(SELECT any_value(stage) FROM ${TOUCHPOINTS} WHERE stage_index = ${column})`);
}

const EXACT = 'jl_activity_exact';
/** Every distinct activity of the store with its touchpoint code (NULL when unmapped): a view. */
export const ACTIVITIES = 'jl_activities';
/** Each customer's segment (customers in no segment have no row): a view. */
export const SEGMENTS = 'jl_segments';

/** Rows per INSERT ... VALUES statement, so a large workspace never makes one huge statement. */
const ROWS_PER_INSERT = 500;
/** Sorts the furthest stage first, then the earliest position (see `entry_ts`). */
const STAGE_KEY = 4_294_967_296;

/** CREATE a typed temp table, then INSERT its rows as parameterised VALUES (none if empty). */
function valuesTable(name: string, columns: string, rows: readonly TSqlValue[][]): TSql[] {
  const statements = [raw(`CREATE OR REPLACE TEMP TABLE ${name} (${columns})`)];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const tuples = rows.slice(i, i + ROWS_PER_INSERT).map((r) => sql`(${join(r.map(param))})`);
    statements.push(sql`INSERT INTO ${raw(name)} VALUES ${join(tuples)}`);
  }
  return statements;
}

export function touchpointTable(plan: TJourneyPlan): TSql[] {
  return valuesTable(
    TOUCHPOINTS,
    `code SMALLINT PRIMARY KEY, touchpoint VARCHAR, stage VARCHAR, stage_index INTEGER,
     team VARCHAR, layer VARCHAR, channel VARCHAR, moment_of_truth BOOLEAN,
     abandon_stage BOOLEAN, handoff_stage BOOLEAN`,
    plan.touchpoints.map((t) => [
      t.code,
      t.id,
      t.stage,
      t.stageIndex,
      t.team,
      t.layer,
      t.channel,
      t.momentOfTruth,
      t.abandonStage,
      t.handoffStage,
    ]),
  );
}

export function exactTable(plan: TJourneyPlan): TSql[] {
  return valuesTable(
    EXACT,
    'activity VARCHAR PRIMARY KEY, touchpoint VARCHAR NOT NULL',
    plan.exact.map((x) => [x.activity, x.touchpoint]),
  );
}

/** The patterns as one CASE: tried in order, the first match wins; NULL when none does. */
export function patternMatch(patterns: TJourneyPlan['patterns'], activity: TSql): TSql {
  if (patterns.length === 0) return raw('CAST(NULL AS VARCHAR)');
  const arms = patterns.map((p) =>
    p.ignoreCase
      ? sql`WHEN regexp_matches(${activity}, ${p.source}, 'i') THEN ${p.touchpoint}`
      : sql`WHEN regexp_matches(${activity}, ${p.source}) THEN ${p.touchpoint}`,
  );
  return sql`CASE ${join(arms, ' ')} END`;
}

/**
 * Each distinct activity of the store, once, with its touchpoint code (NULL when unmapped)
 * and the touchpoint's channel (for the channel filter): patterns run per distinct name only.
 */
export function activityTable(plan: TJourneyPlan): TSql {
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(SESSION_TABLES.activities)} AS
    SELECT m.activity, t.code, t.channel
    FROM (
      SELECT a.activity, coalesce(x.touchpoint, ${patternMatch(plan.patterns, raw('a.activity'))}) AS touchpoint
      FROM (SELECT DISTINCT activity FROM events) a LEFT JOIN ${raw(EXACT)} x ON x.activity = a.activity
    ) m LEFT JOIN ${raw(TOUCHPOINTS)} t ON t.touchpoint = m.touchpoint`;
}

/** The segment of each customer that has one: the first rule that matches wins. */
export function segmentTable(plan: TJourneyPlan): TSql {
  const segment =
    plan.segments.length === 0
      ? raw('CAST(NULL AS VARCHAR)')
      : sql`CASE ${join(
          plan.segments.map((s) => sql`WHEN ${rulePredicate(s.rule)} THEN ${s.id}`),
          ' ',
        )} END`;
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(SESSION_TABLES.segments)} AS
    SELECT customer_id, segment FROM (SELECT c.customer_id, ${segment} AS segment FROM customers c)
    WHERE segment IS NOT NULL`;
}

/**
 * Conditions over one event `e` joined to its activity row `a`. The channel is the step's:
 * the event's own, else its touchpoint's.
 */
export function journeyFilter(filter: TJourneyFilter): TSql[] {
  const conditions: TSql[] = [];
  if (filter.channels !== undefined && filter.channels.length > 0) {
    conditions.push(sql`coalesce(e.channel, a.channel) IN (${join(filter.channels.map(param))})`);
  }
  if (filter.from !== undefined) conditions.push(sql`e.ts >= CAST(${filter.from} AS TIMESTAMPTZ)`);
  if (filter.to !== undefined) conditions.push(sql`e.ts < CAST(${filter.to} AS TIMESTAMPTZ)`);
  if (filter.segment !== undefined) {
    conditions.push(
      sql`e.customer_id IN (SELECT customer_id FROM ${raw(SEGMENTS)} WHERE segment = ${filter.segment})`,
    );
  }
  return conditions;
}

/**
 * Events in scope joined to their activity row `a` (and, with `touchpoint`, to the mapped
 * touchpoint row `t`, which drops unmapped events); `where` narrows further.
 */
export function scopedEvents(
  filter: TJourneyFilter,
  columns: TSql,
  options: { where?: TSql[]; touchpoint?: boolean } = {},
): TSql {
  const where = [...journeyFilter(filter), ...(options.where ?? [])];
  const touchpoint = options.touchpoint
    ? raw(` JOIN ${TOUCHPOINTS} t ON t.code = a.code`)
    : raw('');
  return sql`SELECT ${columns} FROM events e JOIN ${raw(ACTIVITIES)} a ON a.activity = e.activity${touchpoint}${
    where.length === 0 ? raw('') : sql` WHERE ${join(where, ' AND ')}`
  }`;
}

/**
 * The time of the latest event in scope, mapped or not: how far the data reaches. Only a
 * channel filter needs the activity's touchpoint; without one the events are read alone.
 */
export function dataEnd(filter: TJourneyFilter): TSql {
  if (filter.channels !== undefined && filter.channels.length > 0) {
    return scopedEvents(filter, raw('max(e.ts)'));
  }
  const where = journeyFilter(filter);
  return sql`SELECT max(e.ts) FROM events e${
    where.length === 0 ? raw('') : sql` WHERE ${join(where, ' AND ')}`
  }`;
}

/**
 * The event columns a step carries besides its key: what the friction detectors and their
 * occurrences read, so they never join the events again. The channel only where the event
 * names another than its touchpoint's (most name the same: NULL is cheaper to store); only
 * the outcomes the detectors look for (failed, abandoned), NULL for any other.
 */
const EVENT_COLUMNS = `nullif(e.channel, t.channel) AS channel, e.reason, e.wait_s,
  CASE WHEN e.outcome IN ('failed', 'abandoned') THEN e.outcome END AS outcome`;
const KEY_COLUMNS = raw(`e.seq, e.customer_id, e.case_id, e.ts, a.code AS tp`);

/**
 * Which journeys to form again after events were appended (the journey index's update): the
 * journeys of these cases, and the journeys without a case of these customers. Each is a
 * one-column relation (`case_id`, `customer_id`).
 */
export type TJourneyScope = { cases: TSql; customers: TSql };

/** The mapped events in scope with their journey id, still unordered. */
function keyedSteps(plan: TJourneyPlan, scope?: TJourneyScope): TSql {
  const mapped = raw('a.code IS NOT NULL');
  const parts: TSql[] = [];
  if (plan.caseMix.withCase) {
    const where = [mapped, raw('e.case_id IS NOT NULL')];
    if (scope !== undefined) where.push(sql`e.case_id IN (SELECT case_id FROM ${scope.cases})`);
    parts.push(sql`SELECT seq, customer_id, case_id AS journey_id, true AS by_case, ts, tp
      FROM (${scopedEvents(plan.filter, KEY_COLUMNS, { where })})`);
  }
  if (plan.caseMix.withoutCase) {
    const where = [mapped, raw('e.case_id IS NULL')];
    if (scope !== undefined) {
      where.push(sql`e.customer_id IN (SELECT customer_id FROM ${scope.customers})`);
    }
    // A start is the customer's first step or one after a gap longer than the setting; the
    // running count of starts numbers the journeys `customer#n`.
    parts.push(sql`SELECT seq, customer_id, customer_id || '#' || CAST(n AS VARCHAR) AS journey_id,
        false AS by_case, ts, tp
      FROM (
        SELECT *, sum(CAST(starts AS INTEGER)) OVER (PARTITION BY customer_id ORDER BY ts, seq
          ROWS UNBOUNDED PRECEDING) AS n
        FROM (
          SELECT *, coalesce(epoch_us(ts) - epoch_us(lag(ts) OVER (PARTITION BY customer_id ORDER BY ts, seq))
            > CAST(${plan.gapMicros} AS BIGINT), true) AS starts
          FROM (${scopedEvents(plan.filter, KEY_COLUMNS, { where })})))`);
  }
  if (parts.length === 0) {
    return raw(`SELECT CAST(NULL AS BIGINT) AS seq, CAST(NULL AS VARCHAR) AS customer_id,
      CAST(NULL AS VARCHAR) AS journey_id, CAST(NULL AS BOOLEAN) AS by_case,
      CAST(NULL AS TIMESTAMPTZ) AS ts, CAST(NULL AS SMALLINT) AS tp
      WHERE false`);
  }
  return join(parts, ' UNION ALL ');
}

const W = 'OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)';

/** Window columns: one word of 64 seen touchpoints each, one `since` per between level. */
function orderedColumns(plan: TJourneyPlan): TSql[] {
  const seen = Array.from({ length: plan.seenWords }, (_, w) =>
    raw(`bit_or(CASE WHEN tp // 64 = ${w} THEN CAST(1 AS UBIGINT) << CAST(tp % 64 AS UBIGINT) END)
      ${W} AS seen_${w}`),
  );
  const since = plan.between.map(
    (b, k) =>
      sql`max(CASE WHEN tp = ${b.from} THEN ts END) OVER (w ROWS UNBOUNDED PRECEDING) AS ${raw(`since_${k}`)}`,
  );
  return [...seen, ...since];
}

/** True when the step's touchpoint is in the seen words: passed earlier in the journey. */
function passedBefore(plan: TJourneyPlan): TSql {
  if (plan.seenWords === 0) return raw('false');
  const word =
    plan.seenWords === 1
      ? raw('seen_0')
      : raw(
          `CASE tp // 64 ${Array.from({ length: plan.seenWords }, (_, w) => `WHEN ${w} THEN seen_${w}`).join(' ')} END`,
        );
  return sql`coalesce((${word} >> CAST(tp % 64 AS UBIGINT)) & 1 = 1, false)`;
}

/** True when a `to` step comes later than its level after the latest `from` step. */
function lateBetween(plan: TJourneyPlan): TSql {
  if (plan.between.length === 0) return raw('false');
  const arms = plan.between.map(
    (b, k) =>
      sql`(tp = ${b.to} AND coalesce(epoch_us(ts) - epoch_us(${raw(`since_${k}`)}) > CAST(${Math.round(b.seconds * 1e6)} AS BIGINT), false))`,
  );
  return sql`(${join(arms, ' OR ')})`;
}

/** The columns of `jl_journey_steps`, in order: the table's contract with its readers. */
export const JOURNEY_STEP_COLUMNS = [
  'seq',
  'customer_id',
  'journey_id',
  'by_case',
  'journey',
  'ts',
  'tp',
  'pos',
  'prev_tp',
  'loop',
  'late',
  'channel',
  'reason',
  'wait_s',
  'outcome',
] as const;

/**
 * The steps table, from the one ordering pass. `journey`: a number for the journey (the seq
 * of its first step), cheaper to group and join on than the id. `loop`: the touchpoint was
 * passed earlier in the journey, not directly before. `late`: a between-touchpoint service
 * level is exceeded. Then what the step carries of its event (EVENT_COLUMNS): channel (NULL:
 * the touchpoint's), contact reason, wait and outcome (failed or abandoned, else NULL). They
 * are joined after the ordering, which measured the same as carrying them through it.
 */
export function createJourneySteps(
  plan: TJourneyPlan,
  tables: TJourneyTables = SESSION_TABLES,
): TSql {
  return sql`${createTable(tables, tables.steps)} AS ${journeyStepRows(plan)}`;
}

/** The rows of the steps table (of the scope's journeys only, when given). */
function journeyStepRows(plan: TJourneyPlan, scope?: TJourneyScope): TSql {
  const extra = orderedColumns(plan);
  return sql`SELECT o.*, ${raw(EVENT_COLUMNS)} FROM (
    SELECT seq, customer_id, journey_id, by_case, journey, ts, tp, pos, prev_tp,
      prev_tp IS DISTINCT FROM tp AND ${passedBefore(plan)} AS loop,
      ${lateBetween(plan)} AS late
    FROM (
      SELECT k.*, CAST(row_number() OVER w AS INTEGER) AS pos, lag(tp) OVER w AS prev_tp,
        first_value(seq) OVER w AS journey${extra.length === 0 ? raw('') : sql`, ${join(extra)}`}
      FROM (${keyedSteps(plan, scope)}) k
      WINDOW w AS (PARTITION BY journey_id ORDER BY ts, seq))) o
    JOIN events e ON e.seq = o.seq JOIN ${raw(TOUCHPOINTS)} t ON t.code = o.tp`;
}

/** `tp_mask_w` and `stage_mask` aggregates: which touchpoints and stages a row group passed. */
function maskAggregates(plan: TJourneyPlan, source: 'steps' | 'masks'): string[] {
  const words = Array.from({ length: plan.seenWords }, (_, w) =>
    source === 'steps'
      ? `bit_or(CASE WHEN s.tp // 64 = ${w} THEN CAST(1 AS UBIGINT) << CAST(s.tp % 64 AS UBIGINT) ELSE CAST(0 AS UBIGINT) END) AS tp_mask_${w}`
      : `bit_or(tp_mask_${w}) AS tp_mask_${w}`,
  );
  const stages =
    source === 'steps'
      ? 'bit_or(CAST(1 AS UBIGINT) << CAST(t.stage_index AS UBIGINT)) AS stage_mask'
      : 'bit_or(stage_mask) AS stage_mask';
  return [...words, stages];
}

/**
 * One row per journey: customer, segment, steps, an order-sensitive fingerprint of its
 * touchpoint sequence (XOR of hash(touchpoint, position): grouping by it replaces sorting a
 * list per journey), first and last step, the furthest stage reached with the time of the
 * first step there, the touchpoints and stages passed (bit masks), per stage the time of
 * the journey's first step in it, and, in the journey index, whether it is its customer's
 * first journey of its variant (`variant_first`; NULL in a session's own journeys). With it,
 * customers per variant are a count instead of a distinct count: 0.35 s less in every
 * analysis of 2.3M indexed journeys, for 1 s more to build the index once. A session forms
 * its journeys for one analysis, which would pay that second more, so it keeps the count.
 */
export function createJourneys(plan: TJourneyPlan, tables: TJourneyTables = SESSION_TABLES): TSql {
  return sql`${createTable(tables, tables.journeys)} AS ${journeyRows(plan, tables)}`;
}

/** A journey is its customer's first (lowest number) of its variant (fingerprint, steps). */
const variantFirst = (j = ''): string =>
  `row_number() OVER (PARTITION BY ${j}customer_id, ${j}fingerprint, ${j}steps ORDER BY ${j}journey) = 1`;

/**
 * The rows of the journeys table of `tables`, from its steps (those matching `where`; then
 * `variant_first` is only right among them: see variantFirstAgain).
 */
function journeyRows(plan: TJourneyPlan, tables: TJourneyTables, where: TSql = raw('')): TSql {
  const flag = tables.temp ? 'CAST(NULL AS BOOLEAN)' : variantFirst('j.');
  const perStage = plan.stages.map(
    (_, k) => `min(CASE WHEN t.stage_index = ${k} THEN s.ts END) AS stage_${k}_first`,
  );
  // Stage positions and mask words are our own numbers, never user input.
  const extra = raw([...maskAggregates(plan, 'steps'), ...perStage].map((c) => `, ${c}`).join(''));
  return sql`SELECT j.*, g.segment, ${raw(flag)} AS variant_first FROM (
      SELECT s.journey, any_value(s.journey_id) AS journey_id, any_value(s.customer_id) AS customer_id,
        count(*) AS steps,
        bit_xor(hash(s.tp, s.pos)) AS fingerprint, min(s.ts) AS first_ts, max(s.ts) AS last_ts,
        min(s.seq) AS first_seq, arg_max(s.seq, s.pos) AS last_seq,
        max(t.stage_index) AS furthest,
        arg_min(s.ts, (1000000 - coalesce(t.stage_index, -1)) * CAST(${STAGE_KEY} AS BIGINT) + s.pos) AS entry_ts${extra}
      FROM ${raw(tables.steps)} s JOIN ${raw(TOUCHPOINTS)} t ON t.code = s.tp${where}
      GROUP BY s.journey
    ) j LEFT JOIN ${raw(SEGMENTS)} g ON g.customer_id = j.customer_id`;
}

/** One row per customer with journeys: the touchpoints and stages they passed (bit masks). */
export function createCustomerMasks(
  plan: TJourneyPlan,
  tables: TJourneyTables = SESSION_TABLES,
): TSql {
  return sql`${createTable(tables, tables.masks)} AS ${maskRows(plan, tables.journeys)}`;
}

function maskRows(plan: TJourneyPlan, journeys: string, where: TSql = raw('')): TSql {
  return sql`SELECT customer_id, ${raw(maskAggregates(plan, 'masks').join(', '))}
    FROM ${raw(journeys)}${where} GROUP BY customer_id`;
}

const DELTA_CASES = 'jl_delta_cases';
const DELTA_CUSTOMERS = 'jl_delta_customers';
const OLD_JOURNEYS = 'jl_delta_old_journeys';
const NEW_JOURNEYS = 'jl_delta_new_journeys';

/**
 * Brings the journey index up to date after events were appended (seq > `afterSeq`), the
 * workspace and the customers unchanged: the journeys those events can change are formed
 * again — every journey of a case they carry, every journey without a case of a customer
 * they belong to (gaps may join or split them) — and nothing else. Journeys never span two
 * cases, nor two customers without a case, so the result equals a rebuild.
 */
export function journeyIndexUpdate(plan: TJourneyPlan, afterSeq: number): TSql[] {
  const I = INDEX_TABLES;
  const delta = (column: string, caseId: string): TSql =>
    sql`CREATE OR REPLACE TEMP TABLE ${raw(column === 'case_id' ? DELTA_CASES : DELTA_CUSTOMERS)} AS
      SELECT DISTINCT e.${raw(column)} FROM events e JOIN ${raw(ACTIVITIES)} a ON a.activity = e.activity
      WHERE e.seq > ${afterSeq} AND a.code IS NOT NULL AND e.case_id ${raw(caseId)}`;
  // The journeys (number and customer) of the steps of the scope, before or after the update.
  const journeysIn = (table: string): TSql =>
    raw(`CREATE OR REPLACE TEMP TABLE ${table} AS
      SELECT DISTINCT journey, customer_id FROM ${I.steps}
      WHERE (by_case AND journey_id IN (SELECT case_id FROM ${DELTA_CASES}))
        OR (NOT by_case AND customer_id IN (SELECT customer_id FROM ${DELTA_CUSTOMERS}))`);
  const customers = `(SELECT customer_id FROM ${OLD_JOURNEYS} UNION SELECT customer_id FROM ${NEW_JOURNEYS})`;
  return [
    delta('case_id', 'IS NOT NULL'),
    delta('customer_id', 'IS NULL'),
    journeysIn(OLD_JOURNEYS),
    raw(`DELETE FROM ${I.steps} WHERE journey IN (SELECT journey FROM ${OLD_JOURNEYS})`),
    sql`INSERT INTO ${raw(I.steps)} ${journeyStepRows(plan, { cases: raw(DELTA_CASES), customers: raw(DELTA_CUSTOMERS) })}`,
    journeysIn(NEW_JOURNEYS),
    raw(`DELETE FROM ${I.journeys} WHERE journey IN (SELECT journey FROM ${OLD_JOURNEYS})`),
    sql`INSERT INTO ${raw(I.journeys)} ${journeyRows(plan, I, raw(` WHERE s.journey IN (SELECT journey FROM ${NEW_JOURNEYS})`))}`,
    variantFirstAgain(I.journeys, customers),
    raw(`DELETE FROM ${I.masks} WHERE customer_id IN ${customers}`),
    sql`INSERT INTO ${raw(I.masks)} ${maskRows(plan, I.journeys, raw(` WHERE customer_id IN ${customers}`))}`,
    ...[DELTA_CASES, DELTA_CUSTOMERS, OLD_JOURNEYS, NEW_JOURNEYS].map((t) =>
      raw(`DROP TABLE IF EXISTS ${t}`),
    ),
  ];
}

/** `variant_first` decided again over all the journeys of `customers` (a subquery). */
function variantFirstAgain(journeys: string, customers: string): TSql {
  return raw(`UPDATE ${journeys} SET variant_first = f.first FROM (
      SELECT journey, ${variantFirst()} AS first FROM ${journeys} WHERE customer_id IN ${customers}) f
    WHERE ${journeys}.journey = f.journey AND ${journeys}.variant_first <> f.first`);
}

const asView = (view: string, table: string): TSql =>
  raw(`CREATE OR REPLACE TEMP VIEW ${view} AS SELECT * FROM ${table}`);

/** The readers' names as views over one set of journey tables. */
export function journeyViews(tables: TJourneyTables): TSql[] {
  return [
    asView(JOURNEY_STEPS, tables.steps),
    asView(JOURNEYS, tables.journeys),
    asView(CUSTOMER_MASKS, tables.masks),
  ];
}

/** The lookups' names (activities, segments) as views over one set of tables. */
function lookupViews(tables: TJourneyTables): TSql[] {
  return [asView(ACTIVITIES, tables.activities), asView(SEGMENTS, tables.segments)];
}

/** True when bit `code` is set in the mask words named `prefix_w` (64 codes a word). */
export function hasBit(prefix: string, code: number): string {
  return `(${prefix}${Math.floor(code / 64)} >> ${code % 64}) & 1 = 1`;
}

/** One row: `reach_<code>` = customers who passed each touchpoint. */
export function touchpointReach(plan: TJourneyPlan): TSql {
  if (plan.touchpoints.length === 0) return raw('SELECT 1 AS none');
  const columns = plan.touchpoints.map(
    (t) => `count(*) FILTER (WHERE ${hasBit('tp_mask_', t.code)}) AS reach_${t.code}`,
  );
  return raw(`SELECT ${columns.join(', ')} FROM ${CUSTOMER_MASKS}`);
}

/** One row: `customers_<k>` = customers with a step in each stage. */
export function stageReach(plan: TJourneyPlan): TSql {
  const columns = plan.stages.map(
    (_, k) => `count(*) FILTER (WHERE (stage_mask >> ${k}) & 1 = 1) AS customers_${k}`,
  );
  return raw(`SELECT ${columns.join(', ')} FROM ${CUSTOMER_MASKS}`);
}

/**
 * Drops this session's journey views and tables (never the index), for a caller done with the
 * analyses of this session.
 */
export const dropJourneyTables = [
  ...[JOURNEY_STEPS, JOURNEYS, CUSTOMER_MASKS, ACTIVITIES, SEGMENTS].map((v) =>
    raw(`DROP VIEW IF EXISTS ${v}`),
  ),
  ...[
    SESSION_TABLES.steps,
    SESSION_TABLES.journeys,
    SESSION_TABLES.masks,
    SESSION_TABLES.activities,
    SESSION_TABLES.segments,
  ].map((t) => raw(`DROP TABLE IF EXISTS ${t}`)),
];

/**
 * The small tables every reader joins, formed in this session: touchpoints, activities with
 * their codes (one scan of the events), segments (one of the customers).
 */
export function lookupStatements(plan: TJourneyPlan): TSql[] {
  return [
    ...touchpointTable(plan),
    ...exactTable(plan),
    activityTable(plan),
    raw(`DROP TABLE IF EXISTS ${EXACT}`),
    segmentTable(plan),
    ...lookupViews(SESSION_TABLES),
  ];
}

/**
 * The session's lookups kept with the journey index, which was formed with them. An update
 * keeps only the activities (new events may name new ones); the segments change only with
 * the customers or the segment rules, and either makes it a rebuild.
 */
export function persistIndexLookups(rebuilt: boolean): TSql[] {
  const keep = (index: string, session: string): TSql =>
    raw(`CREATE OR REPLACE TABLE ${index} AS SELECT * FROM ${session}`);
  const kept = [keep(INDEX_TABLES.activities, SESSION_TABLES.activities)];
  if (rebuilt) kept.push(keep(INDEX_TABLES.segments, SESSION_TABLES.segments));
  return kept;
}

/** Steps, journeys and customer masks built into `tables` (the small tables exist already). */
export function journeyTableStatements(plan: TJourneyPlan, tables: TJourneyTables): TSql[] {
  return [
    createJourneySteps(plan, tables),
    createJourneys(plan, tables),
    createCustomerMasks(plan, tables),
  ];
}

/**
 * Every statement that builds this session's steps and journeys, in order. The old ones go
 * first, so a build that fails never leaves the previous one behind as if it were current.
 */
export function buildJourneyStatements(plan: TJourneyPlan): TSql[] {
  return [
    ...dropJourneyTables,
    ...lookupStatements(plan),
    ...journeyTableStatements(plan, SESSION_TABLES),
    ...journeyViews(SESSION_TABLES),
  ];
}

/**
 * The statements that make this session read the journey index (which must be current),
 * lookups included: neither the events nor the customers are scanned.
 */
export function readIndexStatements(plan: TJourneyPlan): TSql[] {
  return [
    ...dropJourneyTables,
    ...touchpointTable(plan),
    ...lookupViews(INDEX_TABLES),
    ...journeyViews(INDEX_TABLES),
  ];
}

/** Which kinds of events the store holds (decides how journeys are formed). */
export const caseMixQuery = raw(`SELECT count(*) FILTER (WHERE case_id IS NOT NULL) AS with_case,
  count(*) FILTER (WHERE case_id IS NULL) AS without_case FROM events`);

/** One row (none without journeys): whether they say which is a customer's first of its variant. */
export const journeysFlagVariants = raw(
  `SELECT variant_first IS NOT NULL AS flagged FROM ${JOURNEYS} LIMIT 1`,
);

/** 1 when this session has built journeys, else 0. */
export const journeysExist = sql`SELECT count(*) AS n FROM information_schema.tables
  WHERE table_name = ${JOURNEYS}`;

/**
 * Events in scope and how many of them map to a touchpoint: the steps of the journeys just
 * built, which are exactly those. Without a filter every event is in scope, and neither
 * count reads a row (on 10M events 0.1 s saved against counting the mapped ones).
 */
export function eventTotals(filter: TJourneyFilter): TSql {
  const events =
    journeyFilter(filter).length === 0
      ? raw('SELECT count(*) FROM events')
      : scopedEvents(filter, raw('count(*)'));
  return sql`SELECT (${events}) AS events, (SELECT count(*) FROM ${raw(JOURNEY_STEPS)}) AS mapped`;
}

/** Journeys and customers with at least one step. */
export const journeyTotals = raw(`SELECT (SELECT count(*) FROM ${JOURNEYS}) AS journeys,
  (SELECT count(*) FROM ${CUSTOMER_MASKS}) AS customers`);

/** Activities in scope that map to no touchpoint, most frequent first (ties by name). */
export function unmappedActivities(filter: TJourneyFilter): TSql {
  return sql`SELECT activity, count(*) AS events, count(DISTINCT customer_id) AS customers
    FROM (${scopedEvents(filter, raw('e.activity, e.customer_id'), { where: [raw('a.code IS NULL')] })})
    GROUP BY activity ORDER BY events DESC, activity`;
}

/**
 * The period the journeys cover, and its length in average months (30.4375 days; at least one
 * day, and 0 without journeys), which turns totals into monthly rates.
 */
export const journeyPeriod = raw(`SELECT min(first_ts) AS first, max(last_ts) AS last,
  CASE WHEN count(*) = 0 THEN 0
    ELSE greatest(epoch(max(last_ts)) - epoch(min(first_ts)), 86400) / (86400 * 30.4375) END AS months
  FROM ${JOURNEYS}`);
