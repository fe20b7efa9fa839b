/**
 * The journey analysis as one self-contained HTML page (src/cli/report/html.ts): the same
 * document as the Markdown report, with small inline SVG charts.
 */
import type { TAnalysis } from '../service/analyze.js';
import { reportHtml } from './report/html.js';
import { buildReport, type TReportOptions } from './report/report.js';

export function analysisHtml(
  analysis: TAnalysis,
  options: TReportOptions = {},
  generatedAt: Date = new Date(),
): string {
  return reportHtml(buildReport(analysis, options), generatedAt);
}
