/**
 * The journey analysis as a report document, in the order a CX lead reads it: summary,
 * opportunities, friction, conformance, the voice of the customer (after conformance: its gaps
 * and emotion curves speak of deviations and ideal journeys), moments of truth, stages,
 * unmapped activities. It only arranges and formats what `analyze()` computed; it never
 * computes a new business figure.
 */
import type { TAnalysis } from '../../service/analyze.js';
import { conformanceSection } from './conformance-section.js';
import type { TReportContext } from './context.js';
import type { TReport, TSection } from './document.js';
import { frictionSection } from './friction-section.js';
import { labelsFrom, type TLabels } from './labels.js';
import { momentsSection } from './moments-section.js';
import { opportunitiesSection } from './opportunities-section.js';
import { monthAxis } from './series.js';
import { stagesSection } from './stages-section.js';
import { summarySection } from './summary-section.js';
import { unmappedSection } from './unmapped-section.js';
import { vocSection } from './voc-section.js';

export type TReportOptions = {
  /** Names to show for ids; default: the ids. */
  labels?: TLabels;
  /** The report's title; default "Journey analysis: <workspace>". */
  title?: string;
  /** Opportunities in the summary. */
  top?: number;
};

function context(analysis: TAnalysis, options: TReportOptions): TReportContext {
  return {
    analysis,
    labels: options.labels ?? labelsFrom(),
    currency: analysis.costModel.currency,
    months: monthAxis(analysis),
  };
}

function heading(analysis: TAnalysis, options: TReportOptions): Omit<TReport, 'sections'> {
  return {
    title: options.title ?? `Journey analysis: ${analysis.workspace}`,
    subtitle:
      'What customers did, measured against the journeys designed for them: what goes wrong, where, for whom, and what it costs.',
  };
}

/** Every section of the analysis. */
export function buildReport(analysis: TAnalysis, options: TReportOptions = {}): TReport {
  const ctx = context(analysis, options);
  const unmapped = unmappedSection(ctx);
  const sections: TSection[] = [
    summarySection(ctx, options.top),
    opportunitiesSection(ctx),
    frictionSection(ctx),
    conformanceSection(ctx),
    vocSection(ctx),
    momentsSection(ctx),
    stagesSection(ctx),
    ...(unmapped === undefined ? [] : [unmapped]),
  ];
  return { ...heading(analysis, options), sections };
}

/** The summary alone, for a terminal (the demo prints it). */
export function buildSummary(analysis: TAnalysis, options: TReportOptions = {}): TReport {
  return {
    ...heading(analysis, options),
    sections: [summarySection(context(analysis, options), options.top)],
  };
}
