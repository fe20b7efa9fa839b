/**
 * The journey analysis as Markdown: every section (src/cli/report/report.ts), or the summary
 * alone for a terminal. Names come from the workspace; figures only from the analysis.
 */
import type { TAnalysis } from '../service/analyze.js';
import { reportMarkdown } from './report/markdown.js';
import { buildReport, buildSummary, type TReportOptions } from './report/report.js';

/** The whole report. */
export function analysisMarkdown(analysis: TAnalysis, options: TReportOptions = {}): string {
  return reportMarkdown(buildReport(analysis, options));
}

/** The summary section only: period, volumes, mapped share and the top opportunities. */
export function analysisSummaryMarkdown(analysis: TAnalysis, options: TReportOptions = {}): string {
  return reportMarkdown(buildSummary(analysis, options));
}
