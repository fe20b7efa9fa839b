/**
 * Workspace errors: one shape for YAML syntax, schema and cross-reference problems, and the
 * translation of zod issues into messages a CX analyst can act on. A message always quotes
 * the offending value exactly (JSON quoting, so a trailing space shows) and, when a close
 * known name exists, suggests it.
 */
import type { z } from 'zod';
import { allowedKeysAt } from './workspace-schema-walk.js';

/** One problem in a workspace file. */
export type TWorkspaceError = {
  /** Where in the workspace, e.g. `touchpoints[3].owner`; empty for the file as a whole. */
  path: string;
  message: string;
  /** 1-based position in the YAML text, when the error comes from text. */
  line?: number;
  column?: number;
};

export type TPath = readonly (string | number)[];

/** A problem before it is placed in the text: `at: 'key'` points at the key, not the value. */
export type TIssue = { path: TPath; message: string; at?: 'key' | 'value' };

const PLAIN_KEY = /^[A-Za-z_][\w-]*$/;

/** `['touchpoints', 3, 'owner']` → `touchpoints[3].owner`. */
export function formatPath(path: TPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (PLAIN_KEY.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/**
 * One line per error, the way compilers print them so editors can jump to it.
 * @example formatWorkspaceError(err) // 'journeylens.yaml:42:12 touchpoints[3].owner: unknown team "Fulfilment "'
 */
export function formatWorkspaceError(err: TWorkspaceError, fileName = 'journeylens.yaml'): string {
  const where = err.line === undefined ? fileName : `${fileName}:${err.line}:${err.column ?? 1}`;
  return err.path === '' ? `${where} ${err.message}` : `${where} ${err.path}: ${err.message}`;
}

/** The value as the user wrote it: strings JSON-quoted so whitespace and case are visible. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return 'a mapping';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** ` (did you mean "fulfilment"?)` when one candidate is close, else the empty string. */
export function didYouMean(value: string, candidates: Iterable<string>): string {
  const norm = (s: string) => s.trim().toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    // Same letters but for case and surrounding space is the commonest slip: always suggest.
    const score = norm(c) === norm(value) ? 0 : editDistance(norm(value), norm(c));
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  const limit = Math.max(1, Math.floor(value.trim().length / 3));
  return best !== undefined && bestScore <= limit ? ` (did you mean ${JSON.stringify(best)}?)` : '';
}

function valueAt(root: unknown, path: TPath): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  record: 'a mapping (key: value)',
};

/** zod's own wording starts like this; ours (set on the schema) is kept as written. */
const isZodDefault = (m: string) => /^(Invalid input|Too small|Too big|Invalid )/.test(m);

function got(v: unknown): string {
  return `, got ${describeValue(v)}`;
}

/**
 * Translates zod issues into workspace issues. `root` is the data that was validated and
 * `schema` its schema (used to suggest known keys).
 */
export function translateZodIssues(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  schema: z.core.$ZodType,
  base: TPath = [],
): TIssue[] {
  const out: TIssue[] = [];
  for (const issue of issues) {
    const path: TPath = [...base, ...(issue.path as (string | number)[])];
    const value = valueAt(root, path);
    const last = path[path.length - 1];
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeysAt(schema, path);
        for (const key of issue.keys) {
          out.push({
            path: [...path, key],
            at: 'key',
            message: `unknown key ${JSON.stringify(key)}${didYouMean(key, allowed)}`,
          });
        }
        break;
      }
      case 'invalid_type':
        if (value === undefined && typeof last === 'string') {
          out.push({ path, message: 'is required' });
        } else {
          const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
          const head = isZodDefault(issue.message) ? `expected ${expected}` : issue.message;
          out.push({ path, message: head + got(value) });
        }
        break;
      case 'invalid_value': {
        const options = issue.values.map((v) => String(v)).join(', ');
        const head = isZodDefault(issue.message)
          ? issue.values.length === 1
            ? `expected ${options}`
            : `expected one of ${options}`
          : issue.message;
        out.push({ path, message: head + got(value) });
        break;
      }
      case 'invalid_union':
        out.push(...translateUnion(issue, path, value, root, schema));
        break;
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const word = issue.code === 'too_small' ? 'at least' : 'at most';
        let head = issue.message;
        if (isZodDefault(head)) {
          head =
            issue.origin === 'array'
              ? `needs ${word} ${String(bound)} item${Number(bound) === 1 ? '' : 's'}`
              : issue.origin === 'string'
                ? 'must not be empty'
                : `must be ${word} ${String(bound)}`;
        }
        out.push({ path, message: issue.origin === 'array' ? head : head + got(value) });
        break;
      }
      default:
        out.push({ path, message: issue.message + got(value) });
    }
  }
  return out;
}

/**
 * A union failed. zod reports every branch; pick the one the user evidently meant (the
 * branch whose only problems lie deeper than its own keys) and report its issues, or, when
 * none fits, say what the union accepts.
 */
function translateUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  path: TPath,
  value: unknown,
  root: unknown,
  schema: z.core.$ZodType,
): TIssue[] {
  // A discriminated union whose tag matched nothing: zod already points at the tag.
  const tagged = issue as { discriminator?: string; options?: unknown[] };
  if (issue.errors.length === 0) {
    const head =
      tagged.discriminator !== undefined && tagged.options !== undefined
        ? `expected ${tagged.discriminator} to be one of ${tagged.options.map(String).join(', ')}`
        : issue.message;
    return [{ path, message: head + got(value) }];
  }
  const structural = (branch: readonly z.core.$ZodIssue[]) =>
    branch.filter((i) => {
      const key = i.path[0] as string | number | undefined;
      if (key === undefined) return true;
      return value === null || typeof value !== 'object' || valueAt(value, [key]) === undefined;
    }).length;
  const fits = issue.errors.filter((branch) => structural(branch) === 0);
  if (fits.length === 1 && fits[0]) return translateZodIssues(fits[0], root, schema, path);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const allowed = allowedKeysAt(schema, path);
    const unknown = Object.keys(value).filter((k) => !allowed.includes(k));
    if (unknown.length > 0) {
      return unknown.map((key) => ({
        path: [...path, key],
        at: 'key' as const,
        message: `unknown key ${JSON.stringify(key)}${didYouMean(key, allowed)}`,
      }));
    }
  }
  const scalar = value === null || typeof value !== 'object';
  return [{ path, message: scalar ? issue.message + got(value) : issue.message }];
}
