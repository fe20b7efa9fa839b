/**
 * HTML to PDF with Chromium (Debian's, through playwright-core; never a downloaded browser).
 * One print at a time: a browser takes a few hundred MB, and a report is asked for rarely.
 * The browser starts for the print and stops after it, so an idle server holds no Chromium.
 */
import { existsSync } from 'node:fs';
import { launchChromium } from './chromium.js';

/** There is no Chromium to print with: the HTML report still prints from any browser. */
export class PdfUnavailableError extends Error {
  override name = 'PdfUnavailableError';
}

let queue: Promise<unknown> = Promise.resolve();

/** The page printed on A4 with its own print styles (`@page`, `@media print`). */
export function printPdf(html: string, chromiumPath: string): Promise<Uint8Array<ArrayBuffer>> {
  const run = queue.then(
    () => print(html, chromiumPath),
    () => print(html, chromiumPath),
  );
  queue = run.catch(() => undefined);
  return run;
}

async function print(html: string, chromiumPath: string): Promise<Uint8Array<ArrayBuffer>> {
  if (!existsSync(chromiumPath)) {
    throw new PdfUnavailableError(
      `the PDF is printed by Chromium, and there is none at ${chromiumPath}: install it (apt-get install -y chromium) or point JOURNEYLENS_CHROMIUM at one; the HTML report (format=html) prints from any browser`,
    );
  }
  const browser = await launchChromium(chromiumPath);
  try {
    const page = await browser.newPage();
    // The report is self-contained: nothing to fetch, so nothing may be fetched.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  } finally {
    await browser.close();
  }
}
