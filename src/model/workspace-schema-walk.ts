/**
 * Reading the workspace schema itself: which keys an object at a path allows (for "did you
 * mean" hints) and which default a field has (so saved files only say what differs). Walks
 * the public zod classes only; anything it does not know it treats as a leaf.
 */
import { z } from 'zod';

type TSchema = z.core.$ZodType;

/** Strips the wrappers that do not change the shape of a value. */
export function unwrapSchema(schema: TSchema): TSchema {
  let s = schema;
  for (;;) {
    if (
      s instanceof z.ZodDefault ||
      s instanceof z.ZodPrefault ||
      s instanceof z.ZodOptional ||
      s instanceof z.ZodNullable ||
      s instanceof z.ZodLazy
    ) {
      s = s.unwrap();
    } else {
      return s;
    }
  }
}

/** The schemas a value at `key` inside a value of `schema` may have (several for unions). */
export function childSchemas(schema: TSchema, key: string | number): TSchema[] {
  const s = unwrapSchema(schema);
  if (s instanceof z.ZodUnion) return s.options.flatMap((o) => childSchemas(o, key));
  if (s instanceof z.ZodObject && typeof key === 'string') {
    const shape = s.shape as Record<string, TSchema>;
    const child = Object.hasOwn(shape, key) ? shape[key] : undefined;
    return child ? [child] : [];
  }
  if (s instanceof z.ZodArray && typeof key === 'number') return [s.element];
  if (s instanceof z.ZodRecord && typeof key === 'string') return [s.valueType];
  return [];
}

/** The object schemas found at `path` (through unions), each unwrapped. */
function objectsAt(root: TSchema, path: readonly (string | number)[]): z.ZodObject[] {
  let level: TSchema[] = [root];
  for (const key of path) level = level.flatMap((s) => childSchemas(s, key));
  const out: z.ZodObject[] = [];
  const collect = (s: TSchema): void => {
    const u = unwrapSchema(s);
    if (u instanceof z.ZodUnion) u.options.forEach(collect);
    else if (u instanceof z.ZodObject) out.push(u);
  };
  level.forEach(collect);
  return out;
}

/** Every key an object at `path` may have, in schema order. */
export function allowedKeysAt(root: TSchema, path: readonly (string | number)[]): string[] {
  const keys = new Set<string>();
  for (const o of objectsAt(root, path)) for (const k of Object.keys(o.shape)) keys.add(k);
  return [...keys];
}

/**
 * The value a field takes when the file leaves it out, or `undefined` when the field is
 * required or has no default. Asking the schema itself keeps this in step with it.
 */
export function fieldDefault(field: TSchema): { value: unknown } | undefined {
  const r = z.safeParse(field, undefined);
  return r.success ? { value: r.data } : undefined;
}

/** The object or array schema a value of `schema` is checked against, if any. */
export function containerSchema(schema: TSchema): z.ZodObject | z.ZodArray | undefined {
  const s = unwrapSchema(schema);
  return s instanceof z.ZodObject || s instanceof z.ZodArray ? s : undefined;
}
