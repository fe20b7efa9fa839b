/**
 * Writing a workspace as `journeylens.yaml` text. A saved file says only what differs from
 * the defaults (they live in workspace-schema.ts), in schema key order, in a compact style
 * a person can review in a diff. Loading the text gives back a deep-equal workspace.
 *
 * To change an existing file without losing its comments see workspace-update.ts.
 */
import { Document, isMap, isScalar, isSeq, visit, type ToStringOptions, type YAMLSeq } from 'yaml';
import { containerSchema, fieldDefault } from './workspace-schema-walk.js';
import { ZWorkspace, type TWorkspace } from './workspace-schema.js';
import type { z } from 'zod';

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return (
    ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && deepEqual(ra[k], rb[k]))
  );
}

function compact(schema: z.core.$ZodType, value: unknown, dropDefaults = true): unknown {
  const container = containerSchema(schema);
  if (container === undefined || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (!('element' in container)) return value;
    return value.map((v) => compact(container.element, v, dropDefaults));
  }
  if (!('shape' in container)) return value;
  const shape = container.shape as Record<string, z.core.$ZodType>;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // Schema order first, so saved files always list keys the same way.
  const keys = [...new Set([...Object.keys(shape), ...Object.keys(record)])];
  for (const key of keys) {
    const v = record[key];
    const field = shape[key];
    if (v === undefined) continue;
    if (field === undefined) {
      out[key] = v;
      continue;
    }
    const d = dropDefaults ? fieldDefault(field) : undefined;
    if (d !== undefined && deepEqual(d.value, v)) continue;
    out[key] = compact(field, v, dropDefaults);
  }
  return out;
}

/**
 * The workspace as plain data without the values that equal their defaults (`version` and
 * `name` are always kept). Parsing the result with ZWorkspace gives the workspace back.
 */
export function compactWorkspace(ws: TWorkspace): Record<string, unknown> {
  const body = compact(ZWorkspace, ws) as Record<string, unknown>;
  return { version: ws.version, name: ws.name, ...body };
}

/** The workspace as plain data with every object's keys in schema order. */
export function orderWorkspace(ws: TWorkspace): Record<string, unknown> {
  return compact(ZWorkspace, ws, false) as Record<string, unknown>;
}

const FLOW_LIMIT = 72;

function flatLength(items: readonly unknown[]): number {
  return items.reduce<number>((n, v) => n + String(v).length + 2, 2);
}

/**
 * Prettier writes `{ a: 1 }` but `[a, b]`; yaml pads both or neither. Files that a repo
 * formats with Prettier should not churn, so lists drop the padding. The stringify context
 * is yaml's own; if it ever lacks the field, the list is merely padded.
 */
function unpad(seq: YAMLSeq): void {
  const print = seq.toString.bind(seq);
  seq.toString = (ctx, onComment, onChompKeep) =>
    print(ctx && { ...ctx, flowCollectionPadding: '' }, onComment, onChompKeep);
}

/**
 * The house style: short lists of plain values and small mappings of plain values (a team,
 * a condition, a journey step) on one line; sections and touchpoints as blocks.
 * `depth` is how many collections enclose the document's root in the full file (a snippet
 * rendered for insertion into an existing file is styled as if it stood there).
 */
export function applyHouseStyle(doc: Document, depth = 0): void {
  visit(doc, {
    Seq(_, node) {
      if (node.items.every(isScalar) && flatLength(node.items.map((s) => s.value)) <= FLOW_LIMIT) {
        node.flow = true;
        unpad(node);
      }
    },
  });
  // A second pass, so a mapping sees which of its lists became one-liners.
  visit(doc, {
    Map(_, node, path) {
      // Depth 1 is a section (settings, friction), kept as a block however small.
      const level = depth + path.filter((p) => isMap(p) || isSeq(p)).length;
      if (level < 2 || node.items.length > 4) return;
      const plain = node.items.every((p) => isScalar(p.value) || (isSeq(p.value) && p.value.flow));
      const entries = node.items.map((p) => `${String(p.key)}: ${String(p.value)}`);
      if (plain && flatLength(entries) <= FLOW_LIMIT) node.flow = true;
    },
  });
}

/** Matches the repository's Prettier settings (printWidth 100, singleQuote). */
export const YAML_STYLE: ToStringOptions = {
  lineWidth: 100,
  flowCollectionPadding: true,
  singleQuote: true,
};

const HEADER =
  ' journeylens.yaml: the workspace as code (stages, touchpoints, segments, journeys, ...).\n' +
  ' Format and defaults: docs/workspace.md. Keys left out take their default.';

/**
 * The workspace as new YAML text. For a file that already exists prefer
 * updateWorkspaceYaml, which keeps the user's comments and layout.
 */
export function saveWorkspace(ws: TWorkspace): string {
  const doc = new Document(compactWorkspace(ws));
  applyHouseStyle(doc);
  doc.commentBefore = HEADER;
  if (isMap(doc.contents)) {
    // A blank line before each section after the name keeps long files scannable.
    for (const pair of doc.contents.items.slice(2)) {
      if (isScalar(pair.key)) pair.key.spaceBefore = true;
    }
  }
  return doc.toString(YAML_STYLE);
}
