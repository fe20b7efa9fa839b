/**
 * Column mapping: which source column feeds which canonical field. Explicit choices
 * (--case, --activity, --map col=field) win; otherwise a column whose name is a known alias
 * of a field maps onto it. Everything unmapped is kept as a free attribute.
 */
import { FIELDS, type TDataKind, type TFieldSpec } from '../model/fields.js';
import type { TFieldBinding, TSourceColumn } from '../query/normalize.js';

export class MappingError extends Error {
  override name = 'MappingError';
}

export type TMapping = {
  bindings: TFieldBinding[];
  attributes: TSourceColumn[];
  /** Human-readable lines such as `activity ← "ComplaintTopic_EN"`. */
  summary: string[];
};

const normalise = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * @param explicit field name → source column name, from the command line.
 * @param unmapped fields left unmapped on purpose (the import screen's "none"): no alias maps them.
 * @example resolveMapping('events', cols, { case: 'CustomerID', activity: 'ComplaintTopic_EN' })
 */
export function resolveMapping(
  kind: TDataKind,
  columns: readonly TSourceColumn[],
  explicit: Readonly<Record<string, string>>,
  unmapped: readonly string[] = [],
): TMapping {
  const fields = FIELDS[kind];
  const byName = new Map(columns.map((c) => [c.name, c]));
  const used = new Set<string>();
  const chosen = new Map<string, TSourceColumn>();
  const listing = columns.map((c) => JSON.stringify(c.name)).join(', ');

  for (const [field, column] of Object.entries(explicit)) {
    if (!fields.some((f) => f.name === field)) {
      const known = fields.map((f) => f.name).join(', ');
      throw new MappingError(`unknown field "${field}" for ${kind}; the fields are: ${known}`);
    }
    const col = byName.get(column);
    if (!col)
      throw new MappingError(
        `--${field}: no column ${JSON.stringify(column)} in the file; its columns are ${listing}`,
      );
    chosen.set(field, col);
    used.add(col.name);
  }
  for (const field of unmapped) {
    if (!fields.some((f) => f.name === field)) {
      const known = fields.map((f) => f.name).join(', ');
      throw new MappingError(`unknown field "${field}" for ${kind}; the fields are: ${known}`);
    }
  }
  byAlias(kind, columns, chosen, used, new Set(unmapped));
  const missing = fields.filter((f) => f.required && !chosen.has(f.name));
  if (missing.length > 0) throw new MappingError(missingMessage(kind, missing, listing));

  const bindings = fields.flatMap((field) => {
    const column = chosen.get(field.name);
    return column ? [{ field, column }] : [];
  });
  return {
    bindings,
    attributes: columns.filter((c) => !used.has(c.name)),
    summary: bindings.map((b) => `${b.field.name} ← ${JSON.stringify(b.column.name)}`),
  };
}

/**
 * The mapping an import would take by the columns' names alone (field → column), for the
 * import screen to propose before the person adjusts it.
 */
export function proposeMapping(
  kind: TDataKind,
  columns: readonly TSourceColumn[],
): Record<string, string> {
  const chosen = new Map<string, TSourceColumn>();
  byAlias(kind, columns, chosen, new Set());
  return Object.fromEntries([...chosen].map(([field, column]) => [field, column.name]));
}

/** Maps the fields not chosen yet (nor left out on purpose) onto columns named by an alias. */
function byAlias(
  kind: TDataKind,
  columns: readonly TSourceColumn[],
  chosen: Map<string, TSourceColumn>,
  used: Set<string>,
  unmapped: ReadonlySet<string> = new Set(),
): void {
  for (const field of FIELDS[kind]) {
    if (chosen.has(field.name) || unmapped.has(field.name)) continue;
    const aliases = aliasesOf(field);
    const col = columns.find((c) => !used.has(c.name) && aliases.has(normalise(c.name)));
    if (col) {
      chosen.set(field.name, col);
      used.add(col.name);
    }
  }
  // A process log names only the case: the case stands for the customer.
  if (kind === 'events' && !chosen.has('customer') && chosen.has('case')) {
    const caseColumn = chosen.get('case');
    if (caseColumn) chosen.set('customer', caseColumn);
  }
}

const ALIASES = new Map<TFieldSpec, Set<string>>();
function aliasesOf(field: TFieldSpec): Set<string> {
  let set = ALIASES.get(field);
  if (set === undefined) ALIASES.set(field, (set = new Set(field.aliases.map(normalise))));
  return set;
}

/**
 * The required fields that no column maps onto by its name: a batch sent over HTTP gets an
 * empty column for each, so that every record is rejected as missing the value instead of
 * the whole batch failing to map.
 */
export function requiredWithoutColumn(
  kind: TDataKind,
  columns: readonly TSourceColumn[],
): TFieldSpec[] {
  const chosen = new Map<string, TSourceColumn>();
  byAlias(kind, columns, chosen, new Set());
  return FIELDS[kind].filter((f) => f.required && !chosen.has(f.name));
}

/** Whether a column of this name maps onto one of the kind's fields (by its aliases). */
export function namesField(kind: TDataKind, name: string): boolean {
  const n = normalise(name);
  return FIELDS[kind].some((f) => aliasesOf(f).has(n));
}

function missingMessage(kind: TDataKind, missing: TFieldSpec[], listing: string): string {
  const lines = missing.map((f) => {
    const hint =
      kind === 'events' && f.name === 'customer'
        ? `--customer COL or --case COL`
        : `--${f.name} COL`;
    return `  ${f.name} (${f.help}): name its column with ${hint} or --map COL=${f.name}`;
  });
  return `cannot map the ${kind} file: no column for\n${lines.join('\n')}\nthe file's columns are ${listing}`;
}
