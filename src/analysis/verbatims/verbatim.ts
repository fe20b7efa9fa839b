/**
 * The input of the verbatim analysis: the free text of one feedback response or contact, with
 * what the feedback pipeline knows about where it came from. Pure types.
 */

export type TVerbatim = {
  /** Unique within one analysis; quotes and search hits point back to it. */
  id: string;
  text: string;
  /** The touchpoint the feedback is attributed to, if any. */
  touchpoint?: string;
  /** The stage the feedback is attributed to, if any. */
  stage?: string;
  /** The survey score that came with the verbatim (CSAT, NPS, CES, ...), if any. */
  score?: number;
  /** ISO 639-1 or BCP 47 tag when the source knows it; otherwise it is guessed. */
  language?: string;
};

/** A short extract of a verbatim with the parts to highlight. */
export type TQuote = {
  verbatimId: string;
  /** At most about 200 characters; "…" marks a cut. */
  text: string;
  /** [start, end) character offsets in `text`. */
  highlights: [number, number][];
};

/** A name with the number of verbatims that carry it. */
export type TNamedCount = { name: string; verbatims: number };

/** Counts of a set of values, largest first, ties by name. */
export function namedCounts(values: Iterable<string | undefined>): TNamedCount[] {
  const counts = new Map<string, number>();
  for (const value of values) {
    if (value !== undefined && value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, verbatims]) => ({ name, verbatims }))
    .sort((a, b) => b.verbatims - a.verbatims || compareText(a.name, b.name));
}

/** Code-point order: deterministic whatever the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
