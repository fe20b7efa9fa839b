/**
 * Writing a changed workspace back into the user's own `journeylens.yaml` text, keeping
 * everything the change does not touch byte for byte: comments, key order, blank lines,
 * quoting, aligned end-of-line comments. The UI edits and the file stay one artefact.
 *
 * How: the text is parsed into yaml's concrete syntax tree (CST), which owns every byte of
 * the source; the workspace is merged into it node by node (a changed scalar is rewritten in
 * place, a removed entry's tokens are dropped, a new entry is rendered in the house style
 * and spliced in), then the CST is printed. The result is parsed again and must equal the
 * workspace; if it does not (an unusual layout the merge cannot express), a coarser rewrite
 * that still keeps comments is used, and as a last resort a fresh file.
 */
import { z } from 'zod';
import {
  type Alias,
  Composer,
  CST,
  Document,
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  parse,
  parseDocument,
  Parser,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { childSchemas } from './workspace-schema-walk.js';
import { ZWorkspace, type TWorkspace } from './workspace-schema.js';
import {
  applyHouseStyle,
  compactWorkspace,
  deepEqual,
  orderWorkspace,
  saveWorkspace,
  YAML_STYLE,
} from './workspace-save.js';

type TItem = CST.CollectionItem;
type TSource = CST.SourceToken;
type TRecord = Record<string, unknown>;
type TCtx = {
  doc: Document.Parsed;
  inFlow: boolean;
  afterKey: boolean;
  /** How many collections enclose the node (for the house style of rendered snippets). */
  depth: number;
  /** The schemas the node's value may have (several inside unions). */
  schemas: readonly z.core.$ZodType[];
  /** Anchors whose node this merge edits; their aliases cannot stay aliases. */
  edited: Set<string>;
  /** Anchors found edited by an earlier pass (an alias may come before its anchor's edit). */
  editedBefore: ReadonlySet<string>;
};

const isRecord = (v: unknown): v is TRecord =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isPlainValue = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const space = (n: number): TSource => ({
  type: 'space',
  offset: 0,
  indent: 0,
  source: ' '.repeat(n),
});

/** Can `s` be written unquoted here and still read back as the same string? */
function plainSafe(s: string, inFlow: boolean): boolean {
  if (s === '' || s !== s.trim() || /[\n\r\t]/.test(s)) return false;
  if (inFlow && /[,[\]{}]/.test(s)) return false;
  try {
    return parse(s) === s;
  } catch {
    return false;
  }
}

function setScalar(node: Scalar, value: string | number | boolean, ctx: TCtx): boolean {
  const token = node.srcToken;
  if (!token) return false;
  let type: Scalar.Type = 'PLAIN';
  if (typeof value === 'string') {
    const old = node.type ?? 'PLAIN';
    if (old === 'BLOCK_LITERAL' || old === 'BLOCK_FOLDED') type = old;
    else if (old === 'QUOTE_DOUBLE') type = old;
    else if (old === 'QUOTE_SINGLE' && !value.includes('\n')) type = old;
    else if (plainSafe(value, ctx.inFlow)) type = 'PLAIN';
    // Single quotes where they can say it, as Prettier (singleQuote) and saveWorkspace write.
    else type = /['\n\r\t]/.test(value) ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
  } else if (token.type === 'block-scalar') {
    return false;
  }
  CST.setScalarValue(token, String(value), { type, inFlow: ctx.inFlow, afterKey: ctx.afterKey });
  return true;
}

/** Leading blank lines and indentation belong to the parent for a collection's first item. */
function normaliseStarts(items: TItem[], indent: number): TItem[] {
  return items.map((item, i) => {
    const start = [...item.start];
    if (i === 0) {
      while (start[0] && (start[0].type === 'space' || start[0].type === 'newline')) start.shift();
    } else if (indent > 0 && start[0]?.type !== 'space' && start[0]?.type !== 'newline') {
      start.unshift(space(indent));
    }
    return { ...item, start };
  });
}

/** The first collection token of a rendered snippet, parsed back into CST tokens. */
function snippetCollection(text: string, indent: number): CST.BlockMap | CST.BlockSequence {
  const indented = text
    .split('\n')
    .map((line) => (line === '' ? line : ' '.repeat(indent) + line))
    .join('\n');
  for (const token of new Parser().parse(indented)) {
    if (token.type === 'document' && token.value) {
      const v = token.value;
      if (v.type === 'block-map' || v.type === 'block-seq') return v;
    }
  }
  throw new Error('internal: rendered snippet is not a block collection');
}

function render(value: unknown, depth: number): string {
  const doc = new Document(value);
  applyHouseStyle(doc, depth);
  // The snippet's root stands for the block collection it is spliced into.
  if (isMap(doc.contents) || isSeq(doc.contents)) doc.contents.flow = false;
  return doc.toString(YAML_STYLE);
}

function renderMapItem(key: string, value: unknown, indent: number, depth: number): TItem {
  const item = snippetCollection(render({ [key]: value }, depth), indent).items[0];
  if (!item) throw new Error('internal: empty rendered map');
  return item;
}

function renderSeqItem(value: unknown, indent: number, depth: number): TItem {
  const item = snippetCollection(render([value], depth), indent).items[0];
  if (!item) throw new Error('internal: empty rendered list');
  return item;
}

/**
 * Keeps the end-of-line comment of a one-line value that is re-rendered: after the new
 * one-line value, or after the key when the value became a block (`steps:   # ...`).
 */
function carryTrailingComment(from: CST.Token | undefined, to: TItem): void {
  const tail = (t: CST.Token | undefined): TSource[] | undefined => {
    if (t?.type === 'flow-collection') return t.end.slice(1);
    if (t && 'end' in t && t.type !== 'document' && t.type !== 'doc-end') return t.end;
    return undefined;
  };
  const old = tail(from);
  const value = to.value;
  if (!old?.some((s) => s.type === 'comment') || !value) return;
  if (value.type === 'flow-collection' && value.end[0]) {
    value.end = [value.end[0], ...old];
  } else if (value.type === 'scalar' || value.type.endsWith('quoted-scalar')) {
    (value as CST.FlowScalar).end = old;
  } else if (to.sep) {
    const at = to.sep.findIndex((t) => t.type === 'newline');
    const comment = old.filter((t) => t.type !== 'newline');
    if (at >= 0) to.sep = [...to.sep.slice(0, at), ...comment, ...to.sep.slice(at)];
  }
}

/**
 * Makes the tokens of `node` say `full`. Returns false when this node cannot be edited in
 * place (type changed, flow collection changed shape, alias...): the parent re-renders it.
 * `compact` is the same value without defaults: only its keys are added to a mapping, so
 * a default the file leaves out stays left out.
 */
function merge(node: unknown, full: unknown, compact: unknown, ctx: TCtx): boolean {
  if (isAlias(node)) return aliasUnchanged(node, full, ctx);
  const anchor = isNode(node) ? node.anchor : undefined;
  const token = isNode(node) ? node.srcToken : undefined;
  if (!anchor || !token) return mergeValue(node, full, compact, ctx);
  const before = CST.stringify(token);
  const kept = mergeValue(node, full, compact, ctx);
  if (!kept || CST.stringify(token) !== before) ctx.edited.add(anchor);
  return kept;
}

function mergeValue(node: unknown, full: unknown, compact: unknown, ctx: TCtx): boolean {
  if (isScalar(node)) {
    if (deepEqual(node.value, full)) return true;
    return isPlainValue(full) && setScalar(node, full, ctx);
  }
  if (isMap(node) && isRecord(full))
    return mergeMap(node, full, isRecord(compact) ? compact : {}, ctx);
  if (isSeq(node) && Array.isArray(full)) {
    return mergeSeq(node, full, Array.isArray(compact) ? compact : full, ctx);
  }
  return false;
}

/**
 * An alias stays when its anchor still says the same, defaults applied: `steps: *online`
 * omits `optional: false` where the workspace spells it out.
 */
function aliasUnchanged(node: Alias, full: unknown, ctx: TCtx): boolean {
  // The AST still holds the anchor's old value, so an edited anchor means re-render.
  if (ctx.edited.has(node.source) || ctx.editedBefore.has(node.source)) return false;
  const value: unknown = node.toJS(ctx.doc);
  if (deepEqual(value, full)) return true;
  return ctx.schemas.some((s) => {
    const r = z.safeParse(s, value);
    return r.success && deepEqual(r.data, full);
  });
}

const childCtx = (ctx: TCtx, key: string | number, afterKey: boolean, inFlow: boolean): TCtx => ({
  ...ctx,
  depth: ctx.depth + 1,
  afterKey,
  inFlow,
  schemas: ctx.schemas.flatMap((s) => childSchemas(s, key)),
});

function keyOf(key: unknown): string | undefined {
  return isScalar(key) && isPlainValue(key.value) ? String(key.value) : undefined;
}

function mergeMap(node: YAMLMap, full: TRecord, compact: TRecord, ctx: TCtx): boolean {
  const token = node.srcToken as CST.BlockMap | CST.FlowCollection | undefined;
  if (token?.type !== 'block-map' && token?.type !== 'flow-collection') return false;
  const present = new Set(node.items.map((p) => keyOf(p.key)));
  if (token.type === 'flow-collection') {
    // Editing values in place is safe; adding or removing keys is left to a re-render.
    const added = Object.keys(compact).some((k) => !present.has(k));
    const removed = [...present].some((k) => k === undefined || full[k] === undefined);
    if (added || removed) return false;
    return node.items.every((p) => {
      const k = keyOf(p.key) ?? '';
      return merge(p.value, full[k], compact[k], childCtx(ctx, k, true, true));
    });
  }
  // A new key goes after the keys that precede it in schema order (`full` comes from
  // orderWorkspace), so `description` lands under `name`, not at the end of the entry.
  const order = Object.keys(full);
  const items: TItem[] = [];
  const ranks: number[] = []; // schema position of items[i]; -1 for comment lines
  for (const item of token.items) {
    const pair = node.items.find((p) => p.srcToken === item);
    const k = pair ? keyOf(pair.key) : undefined;
    if (!pair || k === undefined) {
      if (pair) return false; // a complex key: leave the file to the fallbacks
      items.push(item); // comment lines with no key
      ranks.push(-1);
      continue;
    }
    if (full[k] === undefined) continue;
    if (merge(pair.value, full[k], compact[k], childCtx(ctx, k, true, false))) {
      items.push(item);
    } else if (compact[k] !== undefined) {
      const fresh = renderMapItem(k, compact[k], token.indent, ctx.depth);
      carryTrailingComment(item.value, fresh);
      items.push({ ...fresh, start: item.start });
    } else {
      continue; // back to its default: the key is simply dropped
    }
    ranks.push(order.indexOf(k));
  }
  for (const k of Object.keys(compact)) {
    if (present.has(k)) continue;
    const p = order.indexOf(k);
    const at = ranks.reduce((at, r, i) => (r >= 0 && r < p ? i + 1 : at), 0);
    items.splice(at, 0, renderMapItem(k, compact[k], token.indent, ctx.depth));
    ranks.splice(at, 0, p);
  }
  if (!items.some((i) => i.key !== undefined)) return false;
  token.items = normaliseStarts(items, token.indent) as CST.BlockMap['items'];
  return true;
}

function idOf(v: unknown): unknown {
  if (isMap(v)) {
    const id = v.get('id', true);
    return isScalar(id) ? id.value : undefined;
  }
  return isRecord(v) ? v.id : undefined;
}

function mergeSeq(
  node: YAMLSeq,
  full: readonly unknown[],
  compact: readonly unknown[],
  ctx: TCtx,
): boolean {
  const token = node.srcToken as CST.BlockSequence | CST.FlowCollection | undefined;
  if (token?.type !== 'block-seq' && token?.type !== 'flow-collection') return false;
  if (token.type === 'flow-collection') {
    if (node.items.length !== full.length) return false;
    return node.items.every((n, i) => merge(n, full[i], compact[i], childCtx(ctx, i, false, true)));
  }
  // Entities (touchpoints, segments...) follow their id, so a reorder or an insertion in
  // the middle moves their comments with them; plain lists match by position.
  // An entry whose id was renamed keeps its place (and comments) when the entry at its
  // position has an id no longer in the list.
  const byId = full.every((f) => typeof idOf(f) === 'string');
  const ids = new Set(full.map(idOf));
  const used = new Set<number>();
  const items: TItem[] = [];
  for (const [i, f] of full.entries()) {
    let j = byId
      ? node.items.findIndex((n, k) => !used.has(k) && idOf(n) === idOf(f))
      : i < node.items.length
        ? i
        : -1;
    if (j < 0 && byId && i < node.items.length && !used.has(i) && !ids.has(idOf(node.items[i]))) {
      j = i;
    }
    const existing = j >= 0 ? node.items[j] : undefined;
    const item = isNode(existing)
      ? token.items.find((t) => t.value === existing.srcToken)
      : undefined;
    if (!item) {
      items.push(renderSeqItem(compact[i] ?? f, token.indent, ctx.depth));
      continue;
    }
    used.add(j);
    if (merge(existing, f, compact[i], childCtx(ctx, i, false, false))) {
      items.push(item);
    } else {
      const fresh = renderSeqItem(compact[i] ?? f, token.indent, ctx.depth);
      carryTrailingComment(item.value, fresh);
      items.push({ ...fresh, start: item.start });
    }
  }
  if (items.length === 0) return false;
  // Comment lines after the last entry stay at the end.
  const trailing = token.items.filter(
    (t) => t.value === undefined && !t.start.some((s) => s.type === 'seq-item-ind'),
  );
  token.items = normaliseStarts(
    [...items, ...trailing],
    token.indent,
  ) as CST.BlockSequence['items'];
  return true;
}

/**
 * Does `text` say exactly `ws`? Only the schema is applied, not the cross-reference checks:
 * a workspace being edited may refer to a touchpoint not written yet, and its file should
 * still keep its comments.
 */
function equalsWorkspace(text: string, ws: TWorkspace): boolean {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return false;
  const r = ZWorkspace.safeParse(doc.toJS({ maxAliasCount: 1000 }));
  return r.success && deepEqual(r.data, ws);
}

/** In place on the CST: best fidelity. Undefined when the merge could not express the change. */
function updateTokens(text: string, ws: TWorkspace): string | undefined {
  let editedBefore = new Set<string>();
  // A second pass is needed only when an alias was kept before its anchor turned out edited.
  for (let pass = 0; pass < 3; pass++) {
    const tokens = [...new Parser().parse(text)];
    const docs = [...new Composer({ keepSourceTokens: true }).compose(tokens)];
    const doc = docs[0];
    if (docs.length !== 1 || !doc || doc.errors.length > 0) return undefined;
    const ctx: TCtx = {
      doc,
      inFlow: false,
      afterKey: false,
      depth: 0,
      schemas: [ZWorkspace],
      edited: new Set(),
      editedBefore,
    };
    // Both in schema order: new keys are placed by it. A file that leaves `version` out
    // (it is 1 by default) is not given one.
    const { version: _, ...compact } = compactWorkspace(ws);
    if (!merge(doc.contents, orderWorkspace(ws), compact, ctx)) return undefined;
    const out = tokens.map((t) => CST.stringify(t)).join('');
    if (equalsWorkspace(out, ws) || [...ctx.edited].every((a) => editedBefore.has(a))) return out;
    editedBefore = new Set([...editedBefore, ...ctx.edited]);
  }
  return undefined;
}

/** Through the document model: keeps comments, but re-spaces lines and whole sections. */
function updateDocument(text: string, ws: TWorkspace): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const compact = compactWorkspace(ws);
  const full = ws as unknown as TRecord;
  const current = doc.toJS() as TRecord;
  for (const pair of [...doc.contents.items]) {
    const k = keyOf(pair.key);
    if (k === undefined) return undefined;
    // A key at its default stays only if the file already says exactly that.
    if (compact[k] === undefined && !deepEqual(current[k], full[k])) doc.delete(k);
  }
  for (const [k, v] of Object.entries(compact)) {
    if (!deepEqual(current[k], v)) doc.set(k, doc.createNode(v));
  }
  return doc.toString(YAML_STYLE);
}

/**
 * `originalText` changed to say `ws`, keeping the user's comments, key order and layout
 * wherever the change does not reach. Unchanged input comes back byte for byte.
 * @example writeFile(path, updateWorkspaceYaml(readFile(path), editedWorkspace))
 */
export function updateWorkspaceYaml(originalText: string, ws: TWorkspace): string {
  if (equalsWorkspace(originalText, ws)) return originalText;
  // Appended entries need the last line closed; the newline is taken back off at the end.
  const bare = !originalText.endsWith('\n');
  const text = bare ? `${originalText}\n` : originalText;
  const finish = (out: string) => (bare && out.endsWith('\n') ? out.slice(0, -1) : out);
  for (const attempt of [updateTokens, updateDocument]) {
    let out: string | undefined;
    try {
      out = attempt(text, ws);
    } catch {
      out = undefined;
    }
    if (out !== undefined && equalsWorkspace(out, ws)) return finish(out);
  }
  return saveWorkspace(ws);
}
