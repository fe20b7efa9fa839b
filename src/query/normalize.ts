/**
 * Turns staged source records (any column names, text or typed) into canonical rows:
 * parse each mapped field, keep the good records, send the bad ones to quarantine with the
 * field and the reason. Two statements that read the source: one inserts what parses, one
 * explains what does not; no intermediate copy of the data.
 */
import { FIELDS, type TDataKind, type TFieldSpec, type TFieldType } from '../model/fields.js';
import { describeTimestampParse, type TTimestampParse } from '../model/timestamp.js';
import { ident, join, raw, sql, type TSql } from './sql.js';

export type TSourceType = 'text' | 'number' | 'timestamp' | 'timestamptz' | 'other';
export type TSourceColumn = { name: string; type: TSourceType };

export type TFieldBinding = { field: TFieldSpec; column: TSourceColumn };

export type TNormalizePlan = {
  kind: TDataKind;
  /** The staged relation: a table name or a table function such as read_parquet(...). */
  source: TSql;
  /** Expression for the 1-based record number of a source row. */
  record: TSql;
  bindings: TFieldBinding[];
  /** Unmapped source columns kept as free attributes (JSON). */
  attributes: TSourceColumn[];
  timestamp: TTimestampParse;
  /** IANA zone for timestamps without an offset. */
  timezone: string;
  /** RE2 pattern whose first group becomes the activity name (names that do not match stay whole). */
  activityExtract?: string | undefined;
};

/** Canonical column name of a field in the store. */
export const COLUMN_OF: Record<string, string> = {
  customer: 'customer_id',
  case: 'case_id',
  timestamp: 'ts',
  duration: 'duration_s',
  wait: 'wait_s',
};

export function columnOf(field: string): string {
  return COLUMN_OF[field] ?? field;
}

const OUTCOMES: Record<string, readonly string[]> = {
  ok: ['ok', 'success', 'successful', 'succeeded', 'completed', 'complete', 'done'],
  failed: ['failed', 'fail', 'failure', 'error', 'errored'],
  abandoned: ['abandoned', 'abandon', 'dropped', 'drop-off', 'dropoff', 'gave up'],
};

/**
 * Synonym → outcome as a MAP literal of our own constants. An IN list of bound parameters
 * is planned as a join per list, which cost a 1,000-record batch about 10 ms; a map lookup
 * costs nothing measurable.
 */
const OUTCOME_MAP = raw(
  `MAP {${Object.entries(OUTCOMES)
    .flatMap(([canonical, synonyms]) => synonyms.map((s) => `${literal(s)}: ${literal(canonical)}`))
    .join(', ')}}`,
);

/** A string literal of a constant written in this file (never of data: data is bound). */
function literal(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

const FIRST_TIME = '0001-01-01 00:00:00+00';
const LAST_TIME = '9999-12-31 23:59:59.999999+00';

const SCORE_RANGES: Record<string, [number, number]> = { csat: [1, 5], nps: [0, 10], ces: [1, 7] };

type TCheck = {
  field: string;
  required: boolean;
  /** The value as found, as text, NULL when absent. */
  found: TSql;
  /** The parsed value, NULL when it does not parse. */
  parsed: TSql;
  /** Extra condition on a parsed value (e.g. a score range), with its reason. */
  valid?: { condition: TSql; reason: TSql };
  expected: string;
};

/** The value as text; `relation` qualifies the column where a subquery could capture its name. */
function foundText(col: TSourceColumn, relation?: string): TSql {
  const c = relation === undefined ? ident(col.name) : sql`${raw(relation)}.${ident(col.name)}`;
  return col.type === 'text' ? sql`nullif(${c}, '')` : sql`CAST(${c} AS VARCHAR)`;
}

function parseNumber(col: TSourceColumn): TSql {
  if (col.type === 'number') return sql`CAST(${ident(col.name)} AS DOUBLE)`;
  return sql`try_cast(nullif(trim(CAST(${ident(col.name)} AS VARCHAR)), '') AS DOUBLE)`;
}

/** Renders the timestamp parse for one column; naive local times are read in `timezone`. */
export function parseTimestamp(col: TSourceColumn, how: TTimestampParse, timezone: string): TSql {
  const c = ident(col.name);
  const local = (naive: TSql): TSql =>
    timezone === 'UTC' ? sql`CAST(${naive} AS TIMESTAMPTZ)` : sql`timezone(${timezone}, ${naive})`;
  if (col.type === 'timestamptz') return c;
  if (col.type === 'timestamp') return local(c);
  if (how.kind === 'epoch') {
    const divisor = how.unit === 's' ? 1 : 1000;
    // try(): an epoch too large for a timestamp (or NaN) reads as no time, not an error.
    return sql`try(to_timestamp(try_cast(CAST(${c} AS VARCHAR) AS DOUBLE) / ${raw(String(divisor))}))`;
  }
  const text = col.type === 'text' ? sql`trim(${c})` : sql`CAST(${c} AS VARCHAR)`;
  if (how.kind === 'strptime') {
    // A %z in the format yields an instant already; otherwise the wall time is local.
    return how.format.includes('%z') || how.format.includes('%Z')
      ? sql`CAST(try_strptime(${text}, ${how.format}) AS TIMESTAMPTZ)`
      : local(sql`try_strptime(${text}, ${how.format})`);
  }
  if (timezone === 'UTC') return sql`try_cast(${text} AS TIMESTAMPTZ)`;
  // Values that carry their own offset are instants; the others are wall times in `timezone`.
  return sql`CASE WHEN regexp_matches(${text}, '([zZ]|[+-][0-9]{2}(:?[0-9]{2})?)$')
    THEN try_cast(${text} AS TIMESTAMPTZ)
    ELSE ${local(sql`try_cast(${text} AS TIMESTAMP)`)} END`;
}

function checkFor(binding: TFieldBinding, plan: TNormalizePlan): TCheck {
  const { field, column } = binding;
  const base = { field: field.name, required: field.required, found: foundText(column) };
  const byType: Record<TFieldType, () => TCheck> = {
    text: () => ({ ...base, parsed: foundText(column), expected: 'text' }),
    number: () => ({ ...base, parsed: parseNumber(column), expected: 'a number' }),
    timestamp: () => {
      const parsed = parseTimestamp(column, plan.timestamp, plan.timezone);
      return {
        ...base,
        parsed,
        expected: `a timestamp (${describeTimestampParse(plan.timestamp)})`,
        // Beyond these years (or 'infinity') a time is a data error, and no JS Date holds it.
        valid: {
          condition: sql`${parsed} BETWEEN ${raw(`TIMESTAMPTZ '${FIRST_TIME}'`)} AND ${raw(`TIMESTAMPTZ '${LAST_TIME}'`)}`,
          reason: sql`to_json(${base.found}) || ' is not a time between the years 1 and 9999'`,
        },
      };
    },
  };
  if (field.name === 'outcome') {
    return {
      ...base,
      parsed: sql`${OUTCOME_MAP}[lower(trim(${foundText(column)}))]`,
      expected: 'one of ok, failed, abandoned',
    };
  }
  if (field.name === 'activity' && plan.activityExtract !== undefined) {
    const found = foundText(column);
    return {
      ...base,
      parsed: sql`coalesce(nullif(regexp_extract(${found}, ${plan.activityExtract}, 1), ''), ${found})`,
      expected: 'text',
    };
  }
  if (plan.kind === 'feedback' && field.name === 'kind') {
    return { ...base, parsed: sql`lower(trim(${foundText(column)}))`, expected: 'a survey kind' };
  }
  return byType[field.type]();
}

function checksOf(plan: TNormalizePlan): TCheck[] {
  const checks = plan.bindings.map((b) => checkFor(b, plan));
  if (plan.kind === 'feedback') addScoreRange(checks);
  return checks;
}

/** Feedback scores must sit in their scale: CSAT 1–5, NPS 0–10, CES 1–7; custom kinds are free. */
function addScoreRange(checks: TCheck[]): void {
  const score = checks.find((c) => c.field === 'score');
  const kind = checks.find((c) => c.field === 'kind');
  if (!score || !kind) return;
  const bounds = Object.entries(SCORE_RANGES).map(
    ([k, [lo, hi]]) => sql`WHEN ${kind.parsed} = ${k} THEN ${score.parsed} BETWEEN ${lo} AND ${hi}`,
  );
  const names = Object.entries(SCORE_RANGES).map(
    ([k, [lo, hi]]) => sql`WHEN ${kind.parsed} = ${k} THEN ${`${lo}–${hi}`}`,
  );
  score.valid = {
    condition: sql`(CASE ${join(bounds, ' ')} ELSE true END)`,
    reason: sql`'score ' || ${score.found} || ' is outside ' || (CASE ${join(names, ' ')} END) || ' for ' || ${kind.parsed}`,
  };
}

function passes(c: TCheck): TSql {
  const parsedOk = c.required
    ? sql`${c.parsed} IS NOT NULL`
    : sql`(${c.found} IS NULL OR ${c.parsed} IS NOT NULL)`;
  return c.valid ? sql`(${parsedOk} AND coalesce(${c.valid.condition}, true))` : parsedOk;
}

function accepted(checks: TCheck[]): TSql {
  const conditions = checks.filter((c) => c.required || c.expected !== 'text').map(passes);
  return conditions.length === 0 ? raw('true') : join(conditions, ' AND ');
}

function attributesJson(plan: TNormalizePlan): TSql {
  if (plan.attributes.length === 0) return raw('NULL');
  const pairs = plan.attributes.map((a) => sql`${a.name}, ${ident(a.name)}`);
  return sql`json_object(${join(pairs)})`;
}

/** INSERT of every record that passes all checks, numbered `seqBase + record`. */
export function insertAccepted(plan: TNormalizePlan, importId: number, seqBase: number): TSql {
  const checks = checksOf(plan);
  const byColumn = new Map(checks.map((c) => [columnOf(c.field), c.parsed]));
  const targets = FIELDS[plan.kind].map((f) => columnOf(f.name));
  const values = targets.map((t) => byColumn.get(t) ?? raw('NULL'));
  const hasSeq = plan.kind !== 'customers';
  const columns = [
    ...(hasSeq ? [raw('seq')] : []),
    raw('import_id'),
    ...targets.map((t) => raw(t)),
    raw('attrs'),
  ];
  const select = [
    ...(hasSeq ? [sql`${seqBase} + ${plan.record}`] : []),
    sql`${importId}`,
    ...values,
    attributesJson(plan),
  ];
  const filter = accepted(checks);
  if (plan.kind === 'customers') {
    // One row per customer: the first record of an id wins; later ones are quarantined as duplicates.
    return sql`INSERT OR REPLACE INTO customers (${join(columns)})
      SELECT ${join(select)} FROM ${plan.source} AS s
      WHERE ${filter}
      QUALIFY row_number() OVER (PARTITION BY ${byColumn.get('customer_id') ?? raw('NULL')} ORDER BY ${plan.record}) = 1`;
  }
  const idColumn = plan.bindings.find((b) => b.field.name === 'event_id')?.column;
  if (plan.kind === 'events' && idColumn !== undefined) {
    // An event whose id is stored already, or came earlier in this source, is a duplicate: not
    // stored again. The anti-join runs inside the import's transaction, and the imports into a
    // store run one at a time, so no two batches can both store an id.
    const id = foundText(idColumn, 's');
    return sql`INSERT INTO events (${join(columns)})
      SELECT ${join(select)} FROM ${plan.source} AS s
      WHERE ${filter} AND (${id} IS NULL
        OR NOT EXISTS (SELECT 1 FROM events AS stored WHERE stored.event_id = ${id}))
      QUALIFY ${id} IS NULL OR row_number() OVER (PARTITION BY ${id} ORDER BY ${plan.record}) = 1`;
  }
  return sql`INSERT INTO ${raw(plan.kind)} (${join(columns)}) SELECT ${join(select)} FROM ${plan.source} AS s WHERE ${filter}`;
}

/** INSERT into quarantine of one row per failed field of every record that does not pass. */
export function insertQuarantine(plan: TNormalizePlan, importId: number): TSql {
  const checks = checksOf(plan);
  const failures = checks.map((c) => {
    const why = c.required
      ? sql`CASE WHEN ${c.found} IS NULL THEN 'missing value'
          ELSE 'cannot read ' || to_json(${c.found}) || ' as ' || ${c.expected} END`
      : sql`'cannot read ' || to_json(${c.found}) || ' as ' || ${c.expected}`;
    const parsedFail = c.required
      ? sql`${c.parsed} IS NULL`
      : sql`(${c.found} IS NOT NULL AND ${c.parsed} IS NULL)`;
    const rangeFail = c.valid
      ? sql` WHEN NOT coalesce(${c.valid.condition}, true) THEN {'field': ${c.field}, 'reason': ${c.valid.reason}}`
      : raw('');
    return sql`CASE WHEN ${parsedFail} THEN {'field': ${c.field}, 'reason': ${why}}${rangeFail} END`;
  });
  const filtered =
    failures.length === 0
      ? raw('[]')
      : sql`list_filter([${join(failures)}], lambda x: x IS NOT NULL)`;
  const duplicates =
    plan.kind === 'customers'
      ? sql` UNION ALL
        SELECT record, 'customer', 'duplicate customer id ' || to_json(cid) || ', first seen at record ' || first, row
        FROM (SELECT ${plan.record} AS record, ${checks[0]?.parsed ?? raw('NULL')} AS cid,
                min(${plan.record}) OVER (PARTITION BY ${checks[0]?.parsed ?? raw('NULL')}) AS first,
                CAST(to_json(s) AS VARCHAR) AS row
              FROM ${plan.source} AS s WHERE ${accepted(checks)})
        WHERE record <> first`
      : raw('');
  return sql`INSERT INTO quarantine (import_id, record, field, reason, raw)
    SELECT ${importId}, record, field, reason, row FROM (
      SELECT record, f.field AS field, f.reason AS reason, row FROM (
        SELECT record, unnest(errors) AS f, row FROM (
          SELECT ${plan.record} AS record, ${filtered} AS errors, CAST(to_json(s) AS VARCHAR) AS row
          FROM ${plan.source} AS s WHERE NOT (${accepted(checks)})
        )
      )${duplicates}
    )`;
}
