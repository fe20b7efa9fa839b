/**
 * The measured emotion curve of each ideal journey beside the designed one: per step, the
 * emotion the team designed, the one measured from the segment's scores there (with interval
 * and n) and the verbatims' sentiment, all on the designed scale −2…+2. A chart in HTML, the
 * table in both reports; the journeys with the most answers first, bounded.
 */
import type { TEmotionCurve, TEmotionStep } from '../../service/analyze-feedback.js';
import type { TReportContext } from './context.js';
import { boundedTable, type TBlock } from './document.js';
import { count, counted, NONE } from './format.js';
import { signed, tooFew } from './satisfaction-format.js';

/** Ideal journeys shown. */
export const CURVES = 5;

const answered = (c: TEmotionCurve): number => c.steps.reduce((s, step) => s + step.n, 0);

/** An emotion on −2…+2: "+1", "−0.37". */
const emotion = (x: number): string => signed(x, Number.isInteger(x) ? 0 : 2);

function measured(step: TEmotionStep, min: number): string {
  if (step.n === 0) return NONE;
  if (step.suppressed || step.measured === null) return tooFew(min);
  const m = step.measured;
  const interval =
    m.low === null || m.high === null ? '' : ` (${signed(m.low, 2)} to ${signed(m.high, 2)})`;
  return `${signed(m.value, 2)}${interval}`;
}

function curveBlocks(ctx: TReportContext, curve: TEmotionCurve): TBlock[] {
  const { labels } = ctx;
  const min = ctx.analysis.feedback.minResponses;
  const name = labels.journey(curve.journeyId);
  const steps = curve.steps.map((s) => labels.touchpoint(s.touchpoint));
  return [
    { kind: 'heading', text: `Emotion curve: ${name}` },
    {
      kind: 'chart',
      chart: {
        type: 'emotion',
        title: `${name}: designed and measured emotion per step (−2…+2)`,
        x: steps,
        designed: curve.steps.map((s) => s.expected),
        measured: curve.steps.map((s) => (s.suppressed ? null : s.measured)),
        sentiment: curve.steps.map((s) => s.sentiment?.onCurve ?? null),
      },
    },
    boundedTable(
      [
        { label: 'step' },
        { label: 'designed', numeric: true },
        { label: 'measured (95% interval)', numeric: true },
        { label: 'answers', numeric: true },
        { label: 'verbatim sentiment', numeric: true },
        { label: 'verbatims', numeric: true },
      ],
      curve.steps.map((s, i) => [
        steps[i] ?? s.touchpoint,
        s.expected === null ? NONE : emotion(s.expected),
        measured(s, min),
        count(s.n),
        s.sentiment === null ? NONE : signed(s.sentiment.onCurve, 2),
        s.sentiment === null ? NONE : count(s.sentiment.n),
      ]),
      curve.steps.length,
      'steps',
    ),
  ];
}

export function emotionBlocks(ctx: TReportContext): TBlock[] {
  const curves = ctx.analysis.feedback.emotionCurves
    .map((curve, i) => ({ curve, i, n: answered(curve) }))
    .filter((c) => c.n > 0)
    .sort((a, b) => b.n - a.n || a.i - b.i);
  if (ctx.analysis.feedback.emotionCurves.length === 0) return [];
  const blocks: TBlock[] = [
    { kind: 'heading', text: 'Emotion curves: designed and measured' },
    {
      kind: 'paragraph',
      text:
        curves.length === 0
          ? 'No answer is tied to a step of an ideal journey of its segment, so no emotion curve can be measured.'
          : 'Per step of an ideal journey, the emotion the team designed (−2 very negative … +2 very positive) beside the one measured: ' +
            "the scores of the journey's segment at that touchpoint, each placed on the same scale (its position in its scale × 4 − 2), " +
            "with its 95% interval and n; and the verbatims' sentiment there (−1…+1, doubled onto the same scale). " +
            `The ${counted(Math.min(CURVES, curves.length), 'ideal journey')} with the most answers at their steps` +
            (curves.length > CURVES ? ` (of ${count(curves.length)} with answers).` : '.'),
    },
  ];
  for (const { curve } of curves.slice(0, CURVES)) blocks.push(...curveBlocks(ctx, curve));
  return blocks;
}
