/**
 * What customers wrote: the themes their verbatims share, each with how many carry it, its
 * mean sentiment, where it is heard most and one quote with the phrase highlighted; then the
 * sentiment of the verbatims per touchpoint and stage (like every figure, "n < 30" below the
 * minimum of answers). Quotes are the customers' words, shown as written (each printer escapes
 * them).
 */
import type { TSentimentSummary, TVerbatimAnalysis } from '../../service/analyze-verbatims.js';
import type { TNamedCount } from '../../analysis/verbatims/verbatim.js';
import type { TReportContext } from './context.js';
import { boundedTable, type TBlock } from './document.js';
import { count, counted, NONE, percent } from './format.js';
import { signed, tooFew } from './satisfaction-format.js';

/** Rows of the themes table and of each sentiment table; places named per theme. */
export const THEME_ROWS = 10;
export const SENTIMENT_ROWS = 15;
const PLACES = 3;

/** A sentiment, −1…+1, as "+0.21". */
export const sentiment = (x: number | undefined): string =>
  x === undefined || !Number.isFinite(x) ? NONE : signed(x, 2);

function places(list: readonly TNamedCount[], name: (id: string) => string): string {
  if (list.length === 0) return NONE;
  return list
    .slice(0, PLACES)
    .map((p) => `${name(p.name)} ${count(p.verbatims)}`)
    .join(', ');
}

function sentimentTable(
  what: string,
  rows: readonly TSentimentSummary[],
  name: (value: string) => string,
  min: number,
): TBlock {
  const sorted = [...rows].sort((a, b) => b.n - a.n || a.mean - b.mean);
  return boundedTable(
    [
      { label: what },
      { label: 'verbatims', numeric: true },
      { label: 'mean sentiment', numeric: true },
      { label: 'negative', numeric: true },
      { label: 'positive', numeric: true },
    ],
    // Below the minimum of answers, like every satisfaction figure, no figure but its n.
    sorted.map((s) => [
      name(s.value),
      count(s.n),
      ...(s.n < min
        ? [tooFew(min), NONE, NONE]
        : [sentiment(s.mean), percent(s.negative / s.n), percent(s.positive / s.n)]),
    ]),
    SENTIMENT_ROWS,
    `${what === 'touchpoint' ? 'touchpoints' : 'stages'}`,
  );
}

export function verbatimBlocks(ctx: TReportContext): TBlock[] {
  const v: TVerbatimAnalysis = ctx.analysis.feedback.verbatims;
  const { labels } = ctx;
  const min = ctx.analysis.feedback.minResponses;
  const blocks: TBlock[] = [{ kind: 'heading', text: 'What customers wrote' }];
  if (v.verbatims === 0) {
    blocks.push({ kind: 'paragraph', text: 'No response came with a verbatim.' });
    return blocks;
  }
  const sample = v.read < v.verbatims ? `; a fixed sample of ${count(v.read)} was read` : '';
  blocks.push({
    kind: 'paragraph',
    text:
      `${counted(v.verbatims, 'response')} came with a verbatim${sample}. ` +
      'A theme is a phrase many of them share; its share is of the English verbatims read; ' +
      'sentiment runs from −1 (negative) to +1 (positive).',
  });
  if (v.themes.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: 'No phrase is shared by enough verbatims to make a theme.',
    });
  } else {
    blocks.push(
      boundedTable(
        [
          { label: 'theme' },
          { label: 'verbatims', numeric: true },
          { label: 'share', numeric: true },
          { label: 'mean sentiment', numeric: true },
          { label: 'touchpoints' },
          { label: 'stages' },
          { label: 'for example' },
        ],
        v.themes.map((t) => {
          const quote = t.quotes[0];
          return [
            t.label,
            count(t.verbatims),
            percent(t.share),
            sentiment(t.meanSentiment),
            places(t.touchpoints, (id) => labels.touchpoint(id)),
            places(t.stages, (stage) => stage),
            quote === undefined ? NONE : { quote: quote.text, highlights: quote.highlights },
          ];
        }),
        THEME_ROWS,
        'themes',
      ),
    );
  }
  if (v.sentimentByTouchpoint.length > 0) {
    blocks.push(
      { kind: 'heading', text: 'Sentiment by touchpoint' },
      sentimentTable('touchpoint', v.sentimentByTouchpoint, (id) => labels.touchpoint(id), min),
    );
  }
  if (v.sentimentByStage.length > 0) {
    blocks.push(
      { kind: 'heading', text: 'Sentiment by stage' },
      sentimentTable('stage', v.sentimentByStage, (stage) => stage, min),
    );
  }
  return blocks;
}
