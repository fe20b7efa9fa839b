/**
 * Segment rules: which customers belong to a segment, written as a small boolean AST over
 * customer attributes (the `customers` table). The evaluator here is the reference meaning;
 * the SQL printers in src/query must render the same meaning, so the semantics are spelled
 * out below and never depend on JavaScript quirks. Pure: no I/O.
 *
 * Semantics (SQL renderers: match these exactly):
 * - An attribute is *missing* when it is absent, null or the empty string (CSV empty cell).
 * - `exists` is true when the attribute is present (`value: false` inverts it).
 * - Every other condition on a missing attribute is false, including `ne` and `notIn`
 *   (two-valued logic: render as `coalesce(<condition>, false)`).
 * - The attribute is coerced to the type of the rule value: to a number from a numeric
 *   string, to a string from a number or boolean, to a boolean from "true"/"false".
 *   A value that cannot be coerced makes the condition false.
 * - Strings order by code point, so ISO dates ("2024-01-31") compare correctly.
 * - `contains`: element of a list attribute, else substring of the attribute as text
 *   (a number 100 contains "10").
 * - `{all: [...]}` is AND, `{any: [...]}` is OR, `{not: rule}` is NOT, `always` is TRUE.
 */
import { z } from 'zod';

export type TScalar = string | number | boolean;

const ZScalar = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected a string, number or true/false',
});
const ZAttribute = z.string().min(1, { error: 'the attribute name must not be empty' });

/** One comparison of a customer attribute with a value; which values fit depends on `op`. */
export const ZCondition = z.discriminatedUnion('op', [
  z.strictObject({ attribute: ZAttribute, op: z.enum(['eq', 'ne', 'contains']), value: ZScalar }),
  z.strictObject({
    attribute: ZAttribute,
    op: z.enum(['gt', 'gte', 'lt', 'lte']),
    value: z.union([z.number(), z.string()], { error: 'expected a number or a string' }),
  }),
  z.strictObject({
    attribute: ZAttribute,
    op: z.enum(['in', 'notIn']),
    value: z.array(ZScalar, { error: 'expected a list of values' }),
  }),
  z.strictObject({
    attribute: ZAttribute,
    op: z.literal('exists'),
    value: z.boolean().optional(),
  }),
]);
export type TCondition = z.infer<typeof ZCondition>;
export type TConditionOp = TCondition['op'];
export const CONDITION_OPS: readonly TConditionOp[] = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'notIn',
  'contains',
  'exists',
];

// The AST is recursive, so its type is written out and the schema annotated with it.
export type TAllRule = { all: TSegmentRule[] };
export type TAnyRule = { any: TSegmentRule[] };
export type TNotRule = { not: TSegmentRule };
export type TSegmentRule = 'always' | TAllRule | TAnyRule | TNotRule | TCondition;

/** The rule that matches every customer: the catch-all segment. */
export const ALWAYS = 'always' as const;

export const ZSegmentRule: z.ZodType<TSegmentRule> = z.lazy(() =>
  z.union(
    [
      z.literal(ALWAYS),
      // An empty list is almost always a mistake (the draft format used `any: []` meaning
      // "everyone", which in fact matches no one), so say what to write instead.
      z.strictObject({
        all: z
          .array(ZSegmentRule)
          .min(1, { error: 'an empty "all" matches everyone; write `rule: always` instead' }),
      }),
      z.strictObject({
        any: z
          .array(ZSegmentRule)
          .min(1, { error: 'an empty "any" matches no one; write `rule: always` for a catch-all' }),
      }),
      z.strictObject({ not: ZSegmentRule }),
      ZCondition,
    ],
    {
      error:
        'expected a rule: always, {all: [...]}, {any: [...]}, {not: rule} or {attribute, op, value}',
    },
  ),
);

function isMissing(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

function coerceLike(target: TScalar, v: unknown): TScalar | undefined {
  switch (typeof target) {
    case 'number': {
      if (typeof v === 'number') return Number.isNaN(v) ? undefined : v;
      if (typeof v === 'bigint') return Number(v);
      if (typeof v === 'string' && v.trim() !== '') {
        const n = Number(v);
        return Number.isFinite(n) ? n : undefined;
      }
      return undefined;
    }
    case 'string':
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean')
        return String(v);
      return undefined;
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string') {
        const s = v.toLowerCase();
        return s === 'true' ? true : s === 'false' ? false : undefined;
      }
      return undefined;
  }
}

function equalsCoerced(target: TScalar, v: unknown): boolean {
  const c = coerceLike(target, v);
  return c !== undefined && c === target;
}

function compare(target: string | number, v: unknown): number | undefined {
  const c = coerceLike(target, v);
  if (c === undefined) return undefined;
  return c < target ? -1 : c > target ? 1 : 0;
}

function matchesCondition(cond: TCondition, attrs: Record<string, unknown>): boolean {
  const v = attrs[cond.attribute];
  if (cond.op === 'exists') return !isMissing(v) === (cond.value ?? true);
  if (isMissing(v)) return false;
  switch (cond.op) {
    case 'eq':
      return equalsCoerced(cond.value, v);
    case 'ne': {
      const c = coerceLike(cond.value, v);
      return c !== undefined && c !== cond.value;
    }
    case 'contains': {
      if (Array.isArray(v)) return v.some((item) => equalsCoerced(cond.value, item));
      const text = coerceLike('', v);
      return typeof text === 'string' && text.includes(String(cond.value));
    }
    case 'in':
      return cond.value.some((item) => equalsCoerced(item, v));
    case 'notIn':
      return cond.value.every((item) => !equalsCoerced(item, v));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const c = compare(cond.value, v);
      if (c === undefined) return false;
      if (cond.op === 'gt') return c > 0;
      if (cond.op === 'gte') return c >= 0;
      if (cond.op === 'lt') return c < 0;
      return c <= 0;
    }
  }
}

/**
 * True when the customer attributes satisfy the rule.
 * @example matchesRule({ attribute: 'lifetime_value', op: 'gte', value: 1000 }, { lifetime_value: '1200' }) // true
 */
export function matchesRule(rule: TSegmentRule, attrs: Record<string, unknown>): boolean {
  if (rule === ALWAYS) return true;
  if ('all' in rule) return rule.all.every((r) => matchesRule(r, attrs));
  if ('any' in rule) return rule.any.some((r) => matchesRule(r, attrs));
  if ('not' in rule) return !matchesRule(rule.not, attrs);
  return matchesCondition(rule, attrs);
}

/**
 * The segment a customer belongs to: the first segment, in file order, whose rule matches;
 * undefined when none does (a workspace without a catch-all leaves some customers unsegmented).
 */
export function assignSegment<S extends { rule: TSegmentRule }>(
  workspace: { segments: readonly S[] },
  attrs: Record<string, unknown>,
): S | undefined {
  return workspace.segments.find((s) => matchesRule(s.rule, attrs));
}
