/**
 * The voice of the customer: what customers said in surveys, lined up with the journey — each
 * kind's measure, how the answers were tied to the journey, satisfaction where it happens, the
 * gaps between customers exposed to a friction and the others, the key drivers among the
 * frictions, what customers wrote, and the measured emotion curves. It arranges what
 * `analyze()` computed (TFeedbackAnalysis); it never computes a new figure.
 */
import type { TReportContext } from './context.js';
import type { TSection } from './document.js';
import { breakdownBlocks } from './voc-breakdowns.js';
import { driverBlocks } from './voc-drivers.js';
import { emotionBlocks } from './voc-emotion.js';
import { gapBlocks } from './voc-gaps.js';
import { overviewBlocks } from './voc-overview.js';
import { verbatimBlocks } from './voc-verbatims.js';

export const VOC_TITLE = 'Voice of the customer';

export function vocSection(ctx: TReportContext): TSection {
  const f = ctx.analysis.feedback;
  if (f.responses === 0) {
    return {
      id: 'voice-of-the-customer',
      title: VOC_TITLE,
      blocks: [
        {
          kind: 'paragraph',
          text:
            'No survey responses in this workspace. Import them (CSAT, NPS, CES or a custom kind, with their verbatims) to see satisfaction per touchpoint and stage, ' +
            'the gaps between customers who met a friction and the others, and the measured emotion curves: journeylens import feedback.csv --kind feedback.',
        },
      ],
    };
  }
  return {
    id: 'voice-of-the-customer',
    title: VOC_TITLE,
    blocks: [
      ...overviewBlocks(f),
      ...breakdownBlocks(ctx),
      ...gapBlocks(ctx),
      ...driverBlocks(f),
      ...verbatimBlocks(ctx),
      ...emotionBlocks(ctx),
    ],
  };
}
