/** What every section builder reads: the analysis, the names to show, the currency, the months. */
import type { TAnalysis } from '../../service/analyze.js';
import type { TLabels } from './labels.js';

export type TReportContext = {
  analysis: TAnalysis;
  labels: TLabels;
  /** ISO 4217 code of every amount (the workspace's `settings.currency`). */
  currency: string;
  /** Every month of the analysis, `YYYY-MM`, in order (series.ts). */
  months: string[];
};
