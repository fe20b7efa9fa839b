/**
 * The shapes the feedback screen reads: the feedback section of the analysis (server types,
 * imported as types only) and the verbatim search answer.
 */
import type { TPage } from '../../analysis-types.js';
import type { TQuote } from '../../../analysis/verbatims/verbatim.js';
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

/** One verbatim of GET /api/feedback/verbatims (src/server/routes/feedback-routes.ts). */
export type TVerbatimItem = {
  id: string;
  kind: string;
  score: number;
  answeredAt: string;
  customer: string;
  touchpoint: string | null;
  stage: string | null;
  text: string;
  quote: TQuote;
};

export type TVerbatimPage = {
  modelVersion: number;
  computedAt: string;
  /** Verbatims in the data, before any filter. */
  verbatims: number;
  total: number;
  offset: number;
  limit: number;
  items: TVerbatimItem[];
};
