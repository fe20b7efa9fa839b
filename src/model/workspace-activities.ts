/**
 * Mapping raw activity names (what the event log says happened) onto touchpoints. A
 * touchpoint lists exact names and `/source/flags` patterns; exact names win, then patterns
 * in file order, so every raw activity maps to at most one touchpoint.
 *
 * The same mapping runs in TypeScript (here) and in SQL (src/query renders the patterns
 * with `regexp_matches` / `match`), so patterns are limited to what both JavaScript and RE2
 * (DuckDB, ClickHouse) read the same way: no lookaround, no back-references, flag `i` only.
 */
import { RE2JS } from 're2js';
import type { TouchpointId, TWorkspace } from './workspace-schema.js';

/** A pattern entry of a touchpoint, parsed; `flags` is "" or "i". */
export type TActivityPattern = { touchpointId: TouchpointId; source: string; flags: string };

export type TActivityMapping = {
  /** Exact raw activity name → touchpoint. */
  exact: ReadonlyMap<string, TouchpointId>;
  /** Patterns in the order they are tried. */
  patterns: readonly TActivityPattern[];
};

const PATTERN_ENTRY = /^\/(.+)\/([A-Za-z]*)$/s;
const ALLOWED_FLAGS = 'i';

/** `/^checkout/i` → `{ source: '^checkout', flags: 'i' }`; undefined for an exact name. */
export function splitActivityPattern(entry: string): { source: string; flags: string } | undefined {
  const m = PATTERN_ENTRY.exec(entry);
  return m ? { source: m[1] ?? '', flags: m[2] ?? '' } : undefined;
}

// RE2 has neither lookaround nor back-references; JavaScript has both, so a pattern using
// them would match in the TypeScript preview and fail (or differ) in the engine.
function re2Problem(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) {
        return 'back-references are not supported by the SQL engines (RE2)';
      }
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(' && /^\?(=|!|<=|<!)/.test(source.slice(i + 1, i + 4))) {
      return 'lookahead and lookbehind are not supported by the SQL engines (RE2)';
    }
  }
  return undefined;
}

/** Why a pattern cannot be used, or undefined when it can. */
export function activityPatternProblem(source: string, flags: string): string | undefined {
  for (const f of flags) {
    if (!ALLOWED_FLAGS.includes(f)) {
      return `unsupported regex flag ${JSON.stringify(f)}; only "i" (ignore case) is allowed`;
    }
  }
  const re2 = re2Problem(source);
  if (re2) return re2;
  try {
    // `u` makes JavaScript as strict as RE2 about escapes and reads code points, as RE2 does.
    new RegExp(source, `${flags}u`);
  } catch (e) {
    // "Invalid regular expression: /(/u: Unterminated group" → "unterminated group"
    const reason = (e as Error).message.split(': ').pop() ?? '';
    return `invalid regex: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
  }
  try {
    compileRe2(source, flags);
  } catch (e) {
    // "error parsing regexp: invalid escape sequence: `\c`" → "invalid escape sequence: `\c`"
    return `invalid regex for the SQL engines (RE2): ${(e as Error).message.replace(/^error parsing regexp: /, '')}`;
  }
  return undefined;
}

/**
 * A pattern compiled for RE2, the engine the SQL side runs: linear in the length of the
 * name, so no pattern can stall the server the way a backtracking one can (`/(a+)+$/` takes
 * seconds on 28 letters in JavaScript's engine), and a name matches here exactly when it
 * matches in the engine.
 */
function compileRe2(source: string, flags: string): RE2JS {
  return RE2JS.compile(source, flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0);
}

/**
 * The exact names and patterns of a workspace, in precedence order. When a name is listed
 * twice the first touchpoint keeps it (validation reports the second).
 */
export function activityMapping(workspace: Pick<TWorkspace, 'touchpoints'>): TActivityMapping {
  const exact = new Map<string, TouchpointId>();
  const patterns: TActivityPattern[] = [];
  for (const tp of workspace.touchpoints) {
    for (const entry of tp.activities) {
      const p = splitActivityPattern(entry);
      if (p) patterns.push({ touchpointId: tp.id, ...p });
      else if (!exact.has(entry)) exact.set(entry, tp.id);
    }
  }
  return { exact, patterns };
}

const CACHE_LIMIT = 100_000;

/**
 * A function from raw activity name to touchpoint id (undefined when nothing matches).
 * @example compileActivityMatcher(ws)('checkout_step 2') // 'checkout'
 */
export function compileActivityMatcher(
  workspace: Pick<TWorkspace, 'touchpoints'>,
): (activity: string) => TouchpointId | undefined {
  const { exact, patterns } = activityMapping(workspace);
  const compiled = patterns.map((p) => ({ id: p.touchpointId, re: compileRe2(p.source, p.flags) }));
  // Logs repeat a small vocabulary millions of times; remember each answer.
  const cache = new Map<string, TouchpointId | undefined>();
  return (activity) => {
    const hit = exact.get(activity);
    if (hit !== undefined) return hit;
    if (cache.has(activity)) return cache.get(activity);
    const id = compiled.find((c) => c.re.test(activity))?.id;
    if (cache.size < CACHE_LIMIT) cache.set(activity, id);
    return id;
  };
}
