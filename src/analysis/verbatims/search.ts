/**
 * Search over verbatims: the ones that contain the words of a query, case-insensitive, a word
 * matching its simple inflections ("refund" finds "refunds", "refunded"), optionally filtered
 * by touchpoint, stage and sentiment label. Ranked: verbatims that hold the whole query as a
 * phrase first, then by how many of its words they hold, then by how often, then by id.
 * Each hit comes with a quote around its best match, the matches highlighted.
 * Pure: no I/O; it scans the texts it is given (tens of thousands in well under a second).
 */
import { quoteAround } from './quote.js';
import { sentimentOf, type TSentiment, type TSentimentLabel } from './sentiment.js';
import { compareText, type TQuote, type TVerbatim } from './verbatim.js';

export type TVerbatimQuery = {
  /** Words or a phrase; case and punctuation are ignored. */
  text: string;
  touchpoint?: string;
  stage?: string;
  sentiment?: TSentimentLabel;
  /** Most hits returned (default 50). */
  limit?: number;
};

export type TSearchHit = {
  verbatimId: string;
  touchpoint?: string;
  stage?: string;
  /** Only computed when the query filters on sentiment. */
  sentiment?: TSentiment;
  /** The query's words appear consecutively, in order. */
  phrase: boolean;
  /** How many distinct query words it holds. */
  terms: number;
  /** How many matches in all. */
  matches: number;
  quote: TQuote;
};

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
// A query word matches itself and these endings: plural, past, gerund, possessive.
const INFLECTION = "(?:s|es|ed|d|ing|['’]s)?";

/** The words of a query, lower case, without duplicates. */
export function queryTerms(text: string): string[] {
  return [...new Set((text.toLowerCase().match(WORD) ?? []).filter((w) => w.length > 0))];
}

/**
 * Verbatims matching a query, best first.
 * @example searchVerbatims(verbatims, { text: 'late fee', stage: 'Support' })[0].quote.text
 */
export function searchVerbatims(
  verbatims: readonly TVerbatim[],
  query: TVerbatimQuery,
): TSearchHit[] {
  const terms = queryTerms(query.text);
  if (terms.length === 0) return [];
  const termPatterns = terms.map(
    (t) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(t)}${INFLECTION}(?![\\p{L}\\p{N}])`, 'giu'),
  );
  const phrasePattern =
    terms.length > 1
      ? new RegExp(
          `(?<![\\p{L}\\p{N}])${terms.map((t) => escape(t) + INFLECTION).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`,
          'giu',
        )
      : undefined;

  const hits: TSearchHit[] = [];
  for (const verbatim of verbatims) {
    if (query.touchpoint !== undefined && verbatim.touchpoint !== query.touchpoint) continue;
    if (query.stage !== undefined && verbatim.stage !== query.stage) continue;
    const spans: [number, number][] = [];
    let termsFound = 0;
    for (const pattern of termPatterns) {
      const before = spans.length;
      for (const m of verbatim.text.matchAll(pattern)) spans.push([m.index, m.index + m[0].length]);
      if (spans.length > before) termsFound += 1;
    }
    if (termsFound === 0) continue;
    const phraseAt = phrasePattern === undefined ? undefined : phrasePattern.exec(verbatim.text);
    if (phrasePattern !== undefined) phrasePattern.lastIndex = 0;
    let sentiment: TSentiment | undefined;
    if (query.sentiment !== undefined) {
      sentiment = sentimentOf(verbatim.text, verbatim.language);
      if (sentiment?.label !== query.sentiment) continue;
    }
    spans.sort((a, b) => a[0] - b[0]);
    const phrase = terms.length === 1 || (phraseAt !== undefined && phraseAt !== null);
    // Quote around the phrase if there is one, else around the first match.
    const anchor: [number, number] | undefined =
      phraseAt !== undefined && phraseAt !== null
        ? [phraseAt.index, phraseAt.index + phraseAt[0].length]
        : spans[0];
    const ordered =
      anchor === undefined ? spans : [anchor, ...spans.filter((s) => s[0] !== anchor[0])];
    hits.push({
      verbatimId: verbatim.id,
      ...(verbatim.touchpoint !== undefined ? { touchpoint: verbatim.touchpoint } : {}),
      ...(verbatim.stage !== undefined ? { stage: verbatim.stage } : {}),
      ...(sentiment !== undefined ? { sentiment } : {}),
      phrase,
      terms: termsFound,
      matches: spans.length,
      quote: highlightAll(quoteAround(verbatim.id, verbatim.text, mergeSpans(ordered))),
    });
  }
  hits.sort(
    (a, b) =>
      Number(b.phrase) - Number(a.phrase) ||
      b.terms - a.terms ||
      b.matches - a.matches ||
      compareText(a.verbatimId, b.verbatimId),
  );
  return hits.slice(0, query.limit ?? 50);
}

// Overlapping spans (the phrase and its words) become one highlight.
function mergeSpans(spans: readonly [number, number][]): [number, number][] {
  const [anchor, ...rest] = spans;
  if (anchor === undefined) return [];
  const out: [number, number][] = [[anchor[0], anchor[1]]];
  for (const [s, e] of rest) {
    if (out.some(([os, oe]) => s < oe && e > os)) continue;
    out.push([s, e]);
  }
  return out;
}

function highlightAll(quote: TQuote): TQuote {
  return { ...quote, highlights: [...quote.highlights].sort((a, b) => a[0] - b[0]) };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
