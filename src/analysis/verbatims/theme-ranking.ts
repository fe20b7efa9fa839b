/**
 * Which candidate phrases are themes. A theme is a phrase that many verbatims share, that is a
 * term on its own rather than a fragment of a longer one, and that says something in
 * particular. Score = termhood × specificity²:
 * - termhood, after c-value (Frantzi, Ananiadou & Mima 2000) counted per occurrence:
 *   log2(1 + words) × the verbatims in which the phrase occurs at least once outside a longer
 *   candidate phrase. "credit" inside "credit report" does not count for "credit";
 *   "reporting agency" inside "credit reporting agency" does not count for itself.
 * - specificity: the inverse document frequency log((N + 1) / verbatims), squared, so that an
 *   everyday noun of the domain ("account", "letter", "company" in bank complaints) ranks
 *   below a phrase a tenth as frequent. Squared because, measured on cfpb, with the plain IDF
 *   such nouns still filled half of the top 10; the square keeps "credit report" (a third of
 *   the narratives) in the top 10.
 * Tried and dropped: the distinctiveness of the other phrases in a candidate's verbatims (a
 * context lift); it rewarded the boilerplate of template letters ("permissible purpose").
 * Then near-duplicates are merged, greedily from the top: a candidate that shares a word with a
 * theme already kept and whose verbatims are mostly (≥ MERGE_OVERLAP) that theme's is listed as
 * a variant of it, not as a theme of its own. No list of hoped-for themes, no tuning to one
 * data set. Ties are broken by label, so the order never depends on input order.
 * Pure: no I/O.
 */
import { compareText } from './verbatim.js';

/** A phrase key with the verbatims (indices, ascending, unique) that contain it. */
export type TCandidate = {
  key: string;
  label: string;
  words: readonly string[];
  /** Verbatims in which it occurs at least once outside a longer candidate. */
  freeDocs: number;
  /** Occurrences in all verbatims. */
  occurrences: number;
  docs: readonly number[];
};

export type TRanked<C extends TCandidate> = { candidate: C; score: number; variants: C[] };

/** Share of a candidate's verbatims inside a kept theme above which it is a variant of it. */
export const MERGE_OVERLAP = 0.6;

/** Score every candidate; best first, ties by label. */
export function scoreCandidates<C extends TCandidate>(
  candidates: readonly C[],
  totalDocs: number,
): { candidate: C; score: number }[] {
  const scored = candidates.map((candidate) => {
    const df = candidate.docs.length;
    const termhood = Math.log2(1 + candidate.words.length) * candidate.freeDocs;
    const specificity = Math.max(0, Math.log((totalDocs + 1) / df));
    return { candidate, score: termhood * specificity ** 2 };
  });
  return scored.sort(
    (a, b) => b.score - a.score || compareText(a.candidate.label, b.candidate.label),
  );
}

/**
 * Keep the best `limit` themes, merging near-duplicates into the theme they duplicate.
 * @example selectThemes(scoreCandidates(candidates, 1000), 10)
 */
export function selectThemes<C extends TCandidate>(
  scored: readonly { candidate: C; score: number }[],
  limit: number,
): TRanked<C>[] {
  const kept: (TRanked<C> & { docSet: Set<number>; wordSet: Set<string> })[] = [];
  for (const { candidate, score } of scored) {
    if (kept.length >= limit) break;
    if (score <= 0) break;
    const home = kept.find((theme) => duplicates(candidate, theme.docSet, theme.wordSet));
    if (home !== undefined) {
      home.variants.push(candidate);
      continue;
    }
    kept.push({
      candidate,
      score,
      variants: [],
      docSet: new Set(candidate.docs),
      wordSet: new Set(candidate.words),
    });
  }
  return kept.map(({ candidate, score, variants }) => ({ candidate, score, variants }));
}

function duplicates(candidate: TCandidate, docs: Set<number>, words: Set<string>): boolean {
  if (!candidate.words.some((w) => words.has(w))) return false;
  let inside = 0;
  for (const d of candidate.docs) if (docs.has(d)) inside += 1;
  return inside >= MERGE_OVERLAP * candidate.docs.length;
}
