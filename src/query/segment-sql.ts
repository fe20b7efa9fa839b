/**
 * Renders segment rules (src/model/segment-rule.ts) as SQL predicates over `customers c`,
 * with the same meaning as the reference evaluator `matchesRule`: a missing attribute fails
 * every condition but `exists: false`; values are coerced to the rule value's type.
 */
import type { TCondition, TSegmentRule } from '../model/segment-rule.js';
import { join, raw, sql, type TSql } from './sql.js';

function attribute(name: string): TSql {
  const path = `$."${name.replaceAll('"', '\\"')}"`;
  return sql`nullif(json_extract_string(c.attrs, ${path}), '')`;
}

function typed(value: string | number | boolean, attr: TSql): TSql {
  if (typeof value === 'number') return sql`try_cast(${attr} AS DOUBLE)`;
  if (typeof value === 'boolean')
    return sql`(CASE lower(${attr}) WHEN 'true' THEN true WHEN 'false' THEN false END)`;
  return attr;
}

const COMPARATORS = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function condition(c: TCondition): TSql {
  const attr = attribute(c.attribute);
  switch (c.op) {
    case 'exists':
      return c.value === false ? sql`(${attr} IS NULL)` : sql`(${attr} IS NOT NULL)`;
    case 'in':
    case 'notIn': {
      if (c.value.length === 0) return c.op === 'in' ? raw('false') : sql`(${attr} IS NOT NULL)`;
      const alternatives = c.value.map((v) => sql`coalesce(${typed(v, attr)} = ${v}, false)`);
      const anyOf = sql`(${join(alternatives, ' OR ')})`;
      return c.op === 'in' ? anyOf : sql`(${attr} IS NOT NULL AND NOT ${anyOf})`;
    }
    case 'contains': {
      const needle = String(c.value);
      const json = sql`json_extract(c.attrs, ${`$."${c.attribute.replaceAll('"', '\\"')}"`})`;
      return sql`coalesce(CASE WHEN json_type(${json}) = 'ARRAY'
        THEN list_contains(CAST(json_extract_string(${json}, '$[*]') AS VARCHAR[]), ${needle})
        ELSE contains(${attr}, ${needle}) END, false)`;
    }
    default:
      return sql`coalesce(${typed(c.value, attr)} ${raw(COMPARATORS[c.op])} ${c.value}, false)`;
  }
}

/** A predicate that is true exactly when `matchesRule(rule, attrs)` is. */
export function rulePredicate(rule: TSegmentRule): TSql {
  if (rule === 'always') return raw('true');
  if ('all' in rule)
    return rule.all.length === 0
      ? raw('true')
      : sql`(${join(rule.all.map(rulePredicate), ' AND ')})`;
  if ('any' in rule)
    return rule.any.length === 0
      ? raw('false')
      : sql`(${join(rule.any.map(rulePredicate), ' OR ')})`;
  if ('not' in rule) return sql`(NOT ${rulePredicate(rule.not)})`;
  return condition(rule);
}

/**
 * Membership of the segment at `index` when the first matching rule wins: its own rule and
 * none of the rules before it.
 */
export function segmentPredicate(rules: readonly TSegmentRule[], index: number): TSql {
  const own = rules[index];
  if (own === undefined) throw new RangeError(`no segment at index ${index}`);
  const earlier = rules.slice(0, index).map((r) => sql`NOT ${rulePredicate(r)}`);
  return join([rulePredicate(own), ...earlier], ' AND ');
}
