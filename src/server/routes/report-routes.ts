/**
 * The analysis report, as `journeylens analyze` writes it: `GET /api/report?format=html` (one
 * self-contained page a CX lead can mail), `md`, or `pdf` (the HTML printed by Chromium). It
 * uses the server's cached analysis (src/service/analysis-results.ts), so it is the same
 * document the screens show, and it says which model version it was computed with.
 *
 * Who: any person and `read` tokens, as the analysis itself.
 */
import { z } from '@hono/zod-openapi';
import { renderAnalysis } from '../../cli/report/render.js';
import type { TRouteModule } from '../app.js';
import { errorResponse, fail } from '../errors.js';
import { PdfUnavailableError, printPdf } from '../print-pdf.js';
import { protectedRoute } from '../route.js';
import { currentResults, READERS, UNAVAILABLE } from './current-results.js';

const FORMATS = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
} as const;
type TFormat = keyof typeof FORMATS;

const reportRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/report',
  tags: ['analysis'],
  summary: 'The analysis report: one self-contained HTML page, Markdown, or a PDF',
  description:
    'The same document as `journeylens analyze --format html|md`; the PDF is the HTML printed on A4 by Chromium. `download=1` asks the browser to save it.',
  request: {
    query: z.object({
      format: z.enum(['html', 'md', 'pdf']).default('html'),
      download: z.enum(['0', '1']).default('0'),
    }),
  },
  responses: {
    200: {
      description: 'the report',
      content: {
        'text/html': { schema: z.string() },
        'text/markdown': { schema: z.string() },
        'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...UNAVAILABLE,
    503: errorResponse('starting, or pdf_unavailable: no Chromium to print the PDF with'),
  },
});

const fileName = (workspace: string, format: TFormat, at: string): string =>
  `journeylens-${workspace.replace(/[^\w.-]+/g, '-')}-${at.slice(0, 10)}.${format}`;

export const reportRoutes: TRouteModule = (app, services) => {
  const ctx = services.context;
  app.openapi(reportRoute, async (c) => {
    const { format, download } = c.req.valid('query');
    const current = await currentResults(c, ctx);
    if (current instanceof Response) return current;
    const { results, workspace } = current;
    const { analysis } = results;
    const computedAt = new Date(results.computedAt);
    const text = renderAnalysis(analysis, format === 'md' ? 'md' : 'html', workspace, computedAt);
    let body: string | Uint8Array<ArrayBuffer> = text;
    if (format === 'pdf') {
      try {
        body = await printPdf(text, ctx.config.chromiumPath);
      } catch (e) {
        if (e instanceof PdfUnavailableError) return fail(c, 503, 'pdf_unavailable', e.message);
        throw e;
      }
    }
    const name = fileName(analysis.workspace, format, results.computedAt);
    return c.body(body, 200, {
      'content-type': FORMATS[format],
      'content-disposition': `${download === '1' ? 'attachment' : 'inline'}; filename="${name}"`,
      'x-model-version': String(results.modelVersion),
      'cache-control': 'private, no-store',
    });
  });
};
