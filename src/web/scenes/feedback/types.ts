/**
 * The shapes the feedback screen reads: the feedback section of the analysis (server types,
 * imported as types only) and the verbatim search answer.
 */
import type { TPage } from '../../analysis-types.js';
import type { TQuote } from '../../../analysis/verbatims/verbatim.js';
import type { TVerbatimItem, TVerbatimPage } from '../../../service/verbatim-search-types.js';
import type {
  TFeedbackAnalysis,
  TFeedbackGap,
  TFeedbackMetric,
} from '../../../service/analyze-feedback.js';

export type { TFeedbackGap, TFeedbackMetric, TQuote };

/** GET /api/analysis/feedback: the gaps a page at a time, everything else beside them. */
export type TFeedbackSection = TPage<TFeedbackGap> & Omit<TFeedbackAnalysis, 'gaps'>;

export type TKindSummary = TFeedbackAnalysis['kinds'][number];
export type TFrictionDrivers = TFeedbackAnalysis['drivers'][number];
export type TTheme = TFeedbackAnalysis['verbatims']['themes'][number];
export type TDimension = keyof TFeedbackAnalysis['metrics'];

export type { TVerbatimItem, TVerbatimPage };
