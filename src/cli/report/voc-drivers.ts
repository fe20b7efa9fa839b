/**
 * Key drivers among the frictions, per survey kind: which friction types explain the scores
 * (their share of R², Johnson's relative weights), how many answers are free of each, and the
 * quadrant that says what to do; or why a kind has no drivers.
 */
import type { TFeedbackAnalysis } from '../../service/analyze-feedback.js';
import { frictionLabel } from '../../model/gap-kinds.js';
import { boundedTable, type TBlock } from './document.js';
import { counted, percent } from './format.js';
import { kindNames, kindOrder } from './satisfaction-format.js';

export function driverBlocks(f: TFeedbackAnalysis): TBlock[] {
  if (f.drivers.length === 0) return [];
  const name = kindNames(f);
  const blocks: TBlock[] = [
    { kind: 'heading', text: 'Key drivers among the frictions' },
    {
      kind: 'paragraph',
      text:
        'Which friction types explain the scores of each kind: R² is the share of the variation in scores that meeting the frictions explains; ' +
        "a driver's share is its part of that (relative weights, summing to 100%); performance is the share of answers free of it. " +
        "Quadrants, split at the medians of the kind's drivers: fix first (important, often met), keep up (important, rarely met), " +
        'possible overkill (less important, rarely met), lower priority (less important, often met).',
    },
  ];
  for (const d of [...f.drivers].sort((a, b) => kindOrder(a.kind, b.kind))) {
    const kind = name(d.kind);
    if (d.result === null) {
      blocks.push({
        kind: 'paragraph',
        text: `${kind}: no key drivers over ${counted(d.answers, 'answer')} — ${d.reason ?? 'no result'}.`,
      });
      continue;
    }
    const r = d.result;
    blocks.push(
      {
        kind: 'paragraph',
        text: `${kind}: the frictions explain R² ${percent(r.r2)} of the variation in scores over ${counted(r.rows, 'answer')}.`,
      },
      boundedTable(
        [
          { label: `driver of ${kind}` },
          { label: 'share of R²', numeric: true },
          { label: 'answers free of it', numeric: true },
          { label: 'quadrant' },
        ],
        r.drivers.map((x) => [
          frictionLabel(x.feature),
          percent(x.rescaledWeight),
          percent(x.performance.mean),
          x.quadrant,
        ]),
        r.drivers.length,
        'drivers',
      ),
    );
  }
  return blocks;
}
