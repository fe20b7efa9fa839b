/** The analysis in each output format of `journeylens analyze`, names taken from the workspace. */
import type { TWorkspace } from '../../model/workspace-schema.js';
import type { TAnalysis } from '../../service/analyze.js';
import { analysisMarkdown } from '../analysis-markdown.js';
import { analysisHtml } from '../report-html.js';
import { labelsFrom } from './labels.js';

export const REPORT_FORMATS = ['md', 'html', 'json'] as const;
export type TReportFormat = (typeof REPORT_FORMATS)[number];

/** The report as text; the JSON is the analysis itself, the contract other tools read. */
export function renderAnalysis(
  analysis: TAnalysis,
  format: TReportFormat,
  workspace: TWorkspace,
  generatedAt: Date = new Date(),
): string {
  if (format === 'json') return JSON.stringify(analysis, null, 1) + '\n';
  const options = { labels: labelsFrom(workspace) };
  return format === 'md'
    ? analysisMarkdown(analysis, options)
    : analysisHtml(analysis, options, generatedAt);
}
