/**
 * Themes and sentiment over a collection of verbatims, in one reading of each text: the
 * phrases they share (see phrases.ts, theme-ranking.ts), and for each theme how many verbatims
 * carry it, their mean sentiment, the touchpoints and stages they are attributed to, and a few
 * example quotes. Deterministic: the same verbatims give the same themes in any order.
 * Pure: no I/O; the caller passes the verbatims in.
 */
import { isEnglish } from './language.js';
import { extractPhrases } from './phrases.js';
import { quoteAround } from './quote.js';
import { sentimentOfRead, type TSentiment, type TSentimentLabel } from './sentiment.js';
import { readText } from './text.js';
import { scoreCandidates, selectThemes, type TCandidate } from './theme-ranking.js';
import {
  compareText,
  namedCounts,
  type TNamedCount,
  type TQuote,
  type TVerbatim,
} from './verbatim.js';

export type TTheme = {
  /** The phrase, lower case, head noun in its lemma ("credit report"). */
  label: string;
  /** Other forms merged into it: inflections as written and near-duplicate phrases. */
  variants: string[];
  /** Verbatims that contain the phrase. */
  verbatims: number;
  /** verbatims / verbatims read for themes (English, non-empty). */
  share: number;
  /** Mean sentiment score of those verbatims that have one; undefined if none has. */
  meanSentiment: number | undefined;
  sentiment: Record<TSentimentLabel, number>;
  /** Mean of the verbatims' survey scores, when they came with one. */
  meanScore: number | undefined;
  touchpoints: TNamedCount[];
  stages: TNamedCount[];
  /** Up to three short quotes, from different verbatims, with the phrase highlighted. */
  quotes: TQuote[];
  /** Ids of the verbatims that carry the theme, in input order. */
  verbatimIds: string[];
};

export type TVerbatimAnalysis = {
  /** Sentiment per verbatim id; undefined for empty or non-English text. */
  sentiments: Map<string, TSentiment | undefined>;
  themes: TTheme[];
  /** Verbatims read for themes: English and non-empty. */
  analysed: number;
};

export type TThemeOptions = {
  /** Most themes returned (default 20). */
  limit?: number;
  /** Fewest verbatims a theme needs (default: 3, or 0.2% of the verbatims if more). */
  minVerbatims?: number;
};

type TOccurrence = { start: number; end: number };
type TPhraseStats = TCandidate & {
  docs: number[];
  freeDocs: number;
  surfaces: Map<string, number>;
  first: TOccurrence[];
};

/**
 * Sentiment of every verbatim and the themes they share.
 * @example analyseVerbatims([{ id: '1', text: 'The late fee was unfair.' }, ...]).themes[0].label
 */
export function analyseVerbatims(
  verbatims: readonly TVerbatim[],
  options: TThemeOptions = {},
): TVerbatimAnalysis {
  const sentiments = new Map<string, TSentiment | undefined>();
  const sentimentOf: (TSentiment | undefined)[] = [];
  const phrases = new Map<string, TPhraseStats>();
  const found: { stats: TPhraseStats; start: number; end: number }[][] = [];
  let analysed = 0;
  verbatims.forEach((verbatim, d) => {
    const read = readText(verbatim.text);
    const english = isEnglish(verbatim.text, verbatim.language);
    const sentiment = sentimentOfRead(read, english);
    sentiments.set(verbatim.id, sentiment);
    sentimentOf[d] = sentiment;
    if (!english || !read.tokens.some((t) => t.type === 'word')) return;
    analysed += 1;
    const inDoc: { stats: TPhraseStats; start: number; end: number }[] = [];
    for (const p of extractPhrases(read)) {
      const stats = phrases.get(p.key) ?? newStats(p.key);
      phrases.set(p.key, stats);
      stats.occurrences += 1;
      if (stats.docs[stats.docs.length - 1] !== d) {
        // The written forms are counted once per verbatim: enough to name the theme.
        const surface = verbatim.text.slice(p.start, p.end).toLowerCase().replace(/\s+/g, ' ');
        stats.surfaces.set(surface, (stats.surfaces.get(surface) ?? 0) + 1);
        stats.docs.push(d);
        stats.first.push({ start: p.start, end: p.end });
      }
      inDoc.push({ stats, start: p.start, end: p.end });
    }
    found[d] = inDoc;
  });

  const minVerbatims = options.minVerbatims ?? Math.max(3, Math.ceil(0.002 * analysed));
  const isCandidate = (stats: TPhraseStats): boolean => stats.docs.length >= minVerbatims;
  for (const inDoc of found) {
    if (inDoc !== undefined) countFreeUse(inDoc.filter((o) => isCandidate(o.stats)));
  }
  const candidates = [...phrases.values()].filter(isCandidate);
  const ranked = selectThemes(scoreCandidates(candidates, analysed), options.limit ?? 20);
  const themes = ranked.map(({ candidate, variants }) =>
    describeTheme(candidate, variants, verbatims, sentimentOf, analysed),
  );
  return { sentiments, themes, analysed };
}

function newStats(key: string): TPhraseStats {
  return {
    key,
    label: key,
    words: key.split(' '),
    occurrences: 0,
    docs: [],
    freeDocs: 0,
    surfaces: new Map(),
    first: [],
  };
}

// Count, for each phrase, the verbatims where it stands on its own at least once, outside any
// longer candidate phrase: "credit" inside "credit report" does not count for "credit".
function countFreeUse(inDoc: { stats: TPhraseStats; start: number; end: number }[]): void {
  inDoc.sort((a, b) => a.start - b.start || b.end - a.end);
  let coveredTo = -1;
  const free = new Set<TPhraseStats>();
  for (const o of inDoc) {
    if (o.end > coveredTo) free.add(o.stats);
    coveredTo = Math.max(coveredTo, o.end);
  }
  for (const stats of free) stats.freeDocs += 1;
}

/** The themes alone; see analyseVerbatims. */
export function findThemes(verbatims: readonly TVerbatim[], options?: TThemeOptions): TTheme[] {
  return analyseVerbatims(verbatims, options).themes;
}

function describeTheme(
  stats: TPhraseStats,
  merged: readonly TPhraseStats[],
  verbatims: readonly TVerbatim[],
  sentimentOf: readonly (TSentiment | undefined)[],
  analysed: number,
): TTheme {
  const members = stats.docs.map((d) => verbatims[d]).filter((v) => v !== undefined);
  const counts: Record<TSentimentLabel, number> = { negative: 0, neutral: 0, positive: 0 };
  let sentimentSum = 0;
  let sentimentN = 0;
  for (const d of stats.docs) {
    const s = sentimentOf[d];
    if (s === undefined) continue;
    counts[s.label] += 1;
    sentimentSum += s.score;
    sentimentN += 1;
  }
  const scores: number[] = [];
  for (const v of members)
    if (v.score !== undefined && Number.isFinite(v.score)) scores.push(v.score);
  const label = mostFrequent(stats.surfaces);
  const variants = [
    ...[...stats.surfaces.keys()].filter((s) => s !== label).sort(compareText),
    ...merged.map((m) => mostFrequent(m.surfaces)),
  ];
  return {
    label,
    variants: [...new Set(variants)].slice(0, 10),
    verbatims: stats.docs.length,
    share: analysed === 0 ? 0 : stats.docs.length / analysed,
    meanSentiment: sentimentN === 0 ? undefined : sentimentSum / sentimentN,
    sentiment: counts,
    meanScore: scores.length === 0 ? undefined : scores.reduce((a, b) => a + b, 0) / scores.length,
    touchpoints: namedCounts(members.map((v) => v.touchpoint)),
    stages: namedCounts(members.map((v) => v.stage)),
    quotes: exampleQuotes(stats, verbatims),
    verbatimIds: members.map((v) => v.id),
  };
}

// The three clearest quotes: a whole sentence of moderate length, with few redaction markers,
// preferred; ties by verbatim id.
function exampleQuotes(stats: TPhraseStats, verbatims: readonly TVerbatim[]): TQuote[] {
  const options: { quote: TQuote; cost: number }[] = [];
  stats.docs.forEach((d, i) => {
    const verbatim = verbatims[d];
    const at = stats.first[i];
    if (verbatim === undefined || at === undefined) return;
    const quote = quoteAround(verbatim.id, verbatim.text, [[at.start, at.end]]);
    const redactions = (quote.text.match(/x{2,}/gi) ?? []).length;
    const cut = (quote.text.startsWith('…') ? 1 : 0) + (quote.text.endsWith('…') ? 1 : 0);
    const cost = Math.abs(quote.text.length - 110) + 40 * redactions + 60 * cut;
    options.push({ quote, cost });
  });
  options.sort((a, b) => a.cost - b.cost || compareText(a.quote.verbatimId, b.quote.verbatimId));
  const out: TQuote[] = [];
  const texts = new Set<string>();
  for (const { quote } of options) {
    if (out.length >= 3) break;
    if (texts.has(quote.text)) continue;
    texts.add(quote.text);
    out.push(quote);
  }
  return out;
}

function mostFrequent(counts: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && compareText(value, best) < 0)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
