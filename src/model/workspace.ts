/**
 * Loading a workspace (`journeylens.yaml`): YAML text in, a validated TWorkspace or every
 * error with its line and column out. Pure: the caller reads the file and passes the text.
 *
 * All problems are reported in one pass (YAML syntax first, since nothing else can be
 * trusted without it; then schema and cross-reference errors together), sorted by position.
 */
import {
  isMap,
  isNode,
  isScalar,
  LineCounter,
  parseDocument,
  type Document,
  type Range,
} from 'yaml';
import {
  formatPath,
  formatWorkspaceError,
  translateZodIssues,
  type TIssue,
  type TWorkspaceError,
} from './workspace-errors.js';
import { checkReferences } from './workspace-refs.js';
import { ZWorkspace, type TWorkspace } from './workspace-schema.js';

export type TWorkspaceResult =
  { ok: true; workspace: TWorkspace } | { ok: false; errors: TWorkspaceError[] };

/** Thrown by loadWorkspaceOrThrow; `errors` keeps the structured list for the caller. */
export class WorkspaceLoadError extends Error {
  override name = 'WorkspaceLoadError';
  constructor(
    readonly fileName: string,
    readonly errors: readonly TWorkspaceError[],
  ) {
    const n = errors.length;
    super(
      `${fileName}: ${n} error${n === 1 ? '' : 's'}\n` +
        errors.map((e) => `  ${formatWorkspaceError(e, fileName)}`).join('\n'),
    );
  }
}

function validate(input: unknown): { workspace?: TWorkspace; issues: TIssue[] } {
  if (input === null || input === undefined) {
    return { issues: [{ path: [], message: 'the workspace is empty; it needs at least `name:`' }] };
  }
  const parsed = ZWorkspace.safeParse(input);
  const issues = parsed.success ? [] : translateZodIssues(parsed.error.issues, input, ZWorkspace);
  // One problem found by both passes (rare) is reported once.
  const seen = new Set(issues.map((i) => `${formatPath(i.path)}\n${i.message}`));
  for (const issue of checkReferences(input)) {
    if (!seen.has(`${formatPath(issue.path)}\n${issue.message}`)) issues.push(issue);
  }
  return issues.length === 0 && parsed.success ? { workspace: parsed.data, issues } : { issues };
}

/**
 * Validates a workspace given as data (the UI's JSON, a generator's object): schema and
 * cross-references, defaults filled in. Errors carry paths but no line numbers.
 */
export function validateWorkspace(input: unknown): TWorkspaceResult {
  const { workspace, issues } = validate(input);
  if (workspace) return { ok: true, workspace };
  return {
    ok: false,
    errors: issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  };
}

/** The node a path points at, or its nearest ancestor present in the document. */
function locate(doc: Document, issue: TIssue): Range | undefined {
  const path = [...issue.path];
  if (issue.at === 'key' && path.length > 0) {
    const key = path[path.length - 1];
    const parent = doc.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range;
    }
  }
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return node.range;
  }
  return undefined;
}

function sortByPosition(errors: TWorkspaceError[]): TWorkspaceError[] {
  // Stable sort: errors without a position keep their order, after the placed ones.
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const la = a.e.line ?? Infinity;
      const lb = b.e.line ?? Infinity;
      if (la !== lb) return la - lb;
      return (a.e.column ?? 0) - (b.e.column ?? 0) || a.i - b.i;
    })
    .map(({ e }) => e);
}

/**
 * Parses and validates `journeylens.yaml` text.
 * @example
 * const r = parseWorkspace(text);
 * if (!r.ok) for (const e of r.errors) console.error(formatWorkspaceError(e));
 */
export function parseWorkspace(yamlText: string): TWorkspaceResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((e) => ({
      path: '',
      message:
        e.code === 'MULTIPLE_DOCS'
          ? 'invalid YAML: a workspace is one document, but this file has several (---)'
          : `invalid YAML: ${e.message}`,
      ...at(e.pos[0]),
    }));
    return { ok: false, errors: sortByPosition(errors) };
  }
  let input: unknown;
  try {
    input = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `invalid YAML: ${(e as Error).message}` }] };
  }
  const { workspace, issues } = validate(input);
  if (workspace) return { ok: true, workspace };
  const errors = issues.map((issue) => {
    const range = locate(doc, issue);
    return {
      path: formatPath(issue.path),
      message: issue.message,
      ...(range ? at(range[0]) : {}),
    };
  });
  return { ok: false, errors: sortByPosition(errors) };
}

/**
 * parseWorkspace for callers that cannot go on without a workspace (CLI, demo): throws a
 * WorkspaceLoadError whose message lists every error, one per line.
 */
export function loadWorkspaceOrThrow(yamlText: string, fileName = 'journeylens.yaml'): TWorkspace {
  const result = parseWorkspace(yamlText);
  if (!result.ok) throw new WorkspaceLoadError(fileName, result.errors);
  return result.workspace;
}
