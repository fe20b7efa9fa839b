/**
 * Key drivers of satisfaction among the frictions: for each survey kind with enough answers,
 * Johnson's relative weights (src/analysis/drivers.ts) of "free of friction X" flags, one per
 * friction type, on the answers' scores. A feature is 1 for an answer not exposed to the
 * friction (so its performance is the share of answers free of it) and 0 for an exposed one;
 * relative weights do not depend on that coding. Types with fewer than the minimum exposed or
 * unexposed answers are left out. Reads the exposures while they exist (analyze-feedback.ts).
 */
import { DriverError, keyDrivers, type TKeyDrivers } from '../analysis/drivers.js';
import { EXPOSURES } from '../query/feedback-metrics.js';
import { FEEDBACK } from '../query/feedback.js';
import { raw, sql, type TSql } from '../query/sql.js';
import type { TStore } from '../store/store.js';

export type TFrictionDrivers = {
  kind: string;
  answers: number;
  /** The friction types weighed; the others had too few exposed or unexposed answers. */
  features: string[];
  result: TKeyDrivers | null;
  /** Why there is no result (too few answers, collinear frictions, ...). */
  reason: string | null;
};

/** The kinds to weigh: every kind with at least `min` answers. */
export async function frictionDrivers(
  store: TStore,
  kinds: readonly string[],
  min: number,
  inScale: TSql,
): Promise<TFrictionDrivers[]> {
  const out: TFrictionDrivers[] = [];
  for (const kind of kinds) {
    const rows = await store.all<{ seq: number; score: number; types: string[] }>(
      sql`SELECT f.seq, f.score, coalesce(list(DISTINCT substr(x.key, 10)) FILTER (
          WHERE x.key LIKE 'friction|%' AND position('|' IN substr(x.key, 10)) = 0), []) AS types
        FROM ${raw(FEEDBACK)} f LEFT JOIN ${raw(EXPOSURES)} x ON x.seq = f.seq
        WHERE f.kind = ${kind} AND ${inScale}
        GROUP BY f.seq, f.score ORDER BY f.seq`,
    );
    const exposed = new Map<string, number>();
    for (const r of rows) for (const t of r.types) exposed.set(t, (exposed.get(t) ?? 0) + 1);
    const features = [...exposed]
      .filter(([, n]) => n >= min && rows.length - n >= min)
      .map(([t]) => t)
      .sort();
    const base = { kind, answers: rows.length, features };
    if (features.length === 0) {
      out.push({
        ...base,
        result: null,
        reason: 'no friction type with enough exposed and unexposed answers',
      });
      continue;
    }
    try {
      const result = keyDrivers({
        target: { name: kind, values: rows.map((r) => r.score) },
        features: features.map((t) => ({
          name: t,
          values: rows.map((r) => (r.types.includes(t) ? 0 : 1)),
        })),
      });
      out.push({ ...base, result, reason: null });
    } catch (e) {
      if (!(e instanceof DriverError)) throw e;
      out.push({ ...base, result: null, reason: e.message });
    }
  }
  return out;
}
