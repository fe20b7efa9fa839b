/**
 * The gaps of the voice of the customer: the answers of customers exposed to a friction, a
 * touchpoint or a deviation against the other answers of the same kind, ranked by impact as
 * the analysis ranked them, each with its interval and n on both sides (DESIGN.md §3). Also
 * the largest one in words, for the summary.
 */
import type { TFeedbackGap } from '../../service/analyze-feedback.js';
import { deviationLabel, frictionLabel, frictionPhrase } from '../../model/gap-kinds.js';
import type { TReportContext } from './context.js';
import { boundedTable, type TBlock } from './document.js';
import { count, counted, NONE } from './format.js';
import type { TLabels } from './labels.js';
import {
  fixed,
  gapInterval,
  gapValue,
  gapWithInterval,
  kindNames,
  measureValue,
} from './satisfaction-format.js';

/** Gaps in the table. */
export const GAP_ROWS = 15;

/** What the answers were exposed to: "Long wait at Call", "Extra step: Chat in Support". */
export function gapWhat(g: TFeedbackGap, labels: TLabels): string {
  const at = g.touchpoint === null ? '' : labels.touchpoint(g.touchpoint);
  if (g.source === 'touchpoint') return `A step at ${at}`;
  if (g.source === 'deviation') {
    return `${deviationLabel(g.type ?? '')}: ${at} in ${labels.journey(g.journey ?? undefined)}`;
  }
  const type = frictionLabel(g.type ?? '');
  return g.touchpoint === null ? type : `${type} at ${at}`;
}

/** Who was exposed, in a sentence: "customers with a long wait at Call". */
export function gapWho(g: TFeedbackGap, labels: TLabels): string {
  const at = g.touchpoint === null ? '' : labels.touchpoint(g.touchpoint);
  if (g.source === 'touchpoint') return `customers who passed ${at}`;
  if (g.source === 'deviation') {
    const journey = labels.journey(g.journey ?? undefined);
    const step: Record<string, string> = {
      skipped: `customers who skipped ${at}`,
      extra: `customers with an extra step at ${at}`,
      repeated: `customers with a repeated step at ${at}`,
      outOfOrder: `customers with ${at} out of order`,
    };
    return `${step[g.type ?? ''] ?? `customers with ${deviationLabel(g.type ?? '')} at ${at}`} in ${journey}`;
  }
  const what = frictionPhrase(g.type ?? '');
  return `customers with ${g.touchpoint === null ? what : `${what} at ${at}`}`;
}

/** The gap's size in words: "58.8 points below", "0.42 points above". */
function size(g: TFeedbackGap): string {
  const x = g.gap?.value ?? 0;
  const points =
    g.measure === 'satisfied share'
      ? fixed(100 * Math.abs(x), 1)
      : fixed(Math.abs(x), g.measure === 'nps' ? 0 : 2);
  return `${points} points ${x < 0 ? 'below' : 'above'}`;
}

/**
 * The largest significant loss, in words: "customers with a repeat contact: CSAT 26.5%
 * satisfied, 58.8 points below the others' 85.3% (−60.9 to −56.6; n 1,770 vs 10,596)".
 */
export function largestGap(ctx: TReportContext): string | undefined {
  const f = ctx.analysis.feedback;
  if (f.gaps.length === 0) return undefined;
  const g = f.gaps.find((x) => x.significant && (x.gap?.value ?? 0) < 0);
  if (g === undefined) {
    return `no significant loss in ${counted(f.gaps.length, 'comparison')} of exposed customers with the others (each 95% interval of a loss includes 0)`;
  }
  const name = kindNames(f)(g.kind);
  const score = (x: number | null): string => (x === null ? NONE : measureValue(g.measure, x));
  const satisfied = g.measure === 'satisfied share' ? ' satisfied' : '';
  const interval = gapInterval(g.measure, g.gap);
  const bracket = interval === '' ? '' : `${interval}; `;
  return (
    `${gapWho(g, ctx.labels)}: ${name} ${score(g.exposed.score)}${satisfied}, ${size(g)} the others' ` +
    `${score(g.notExposed.score)} (${bracket}n ${count(g.exposed.n)} vs ${count(g.notExposed.n)})`
  );
}

export function gapBlocks(ctx: TReportContext): TBlock[] {
  const { analysis: a, labels } = ctx;
  const f = a.feedback;
  const name = kindNames(f);
  const blocks: TBlock[] = [
    { kind: 'heading', text: 'Gaps: exposed customers against the others' },
  ];
  if (f.gaps.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: `No comparison has at least ${counted(f.minResponses, 'answer')} on both sides (feedback.minResponses).`,
    });
    return blocks;
  }
  const significant = f.gaps.filter((g) => g.significant).length;
  blocks.push(
    {
      kind: 'paragraph',
      text:
        'The answers of customers exposed to a friction, a touchpoint or a deviation before answering, against the other answers of the same kind. ' +
        'Ranked by impact: the mean score gap as a share of the scale × the customers exposed, the largest loss first. ' +
        'A CSAT gap is in percentage points of customers satisfied, an NPS gap in NPS points, other gaps in score points; ' +
        `significant: the 95% interval excludes 0. ${count(significant)} of ${counted(f.gaps.length, 'comparison')} are significant.`,
    },
    boundedTable(
      [
        { label: '#', numeric: true },
        { label: 'exposed to' },
        { label: 'kind' },
        { label: 'exposed', numeric: true },
        { label: 'others', numeric: true },
        { label: 'gap (95% interval)', numeric: true },
        { label: 'mean score gap', numeric: true },
        { label: 'n exposed', numeric: true },
        { label: 'n others', numeric: true },
        { label: 'customers exposed', numeric: true },
        { label: 'significant' },
      ],
      f.gaps.map((g, i) => [
        String(i + 1),
        gapWhat(g, labels),
        name(g.kind),
        g.exposed.score === null ? NONE : measureValue(g.measure, g.exposed.score),
        g.notExposed.score === null ? NONE : measureValue(g.measure, g.notExposed.score),
        gapWithInterval(g.measure, g.gap),
        g.meanGap === null ? NONE : gapValue('mean', g.meanGap.value),
        count(g.exposed.n),
        count(g.notExposed.n),
        count(g.exposed.customers),
        g.significant ? 'yes' : 'no',
      ]),
      GAP_ROWS,
      'comparisons',
    ),
  );
  return blocks;
}
