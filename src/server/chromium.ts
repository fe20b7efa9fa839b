/**
 * Debian's Chromium, driven by playwright-core: the PDF report, the browser tests and the
 * screen benchmarks all start it here, with the flags a server without a display needs.
 * Never a downloaded browser.
 */
import { chromium, type Browser } from 'playwright-core';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Starts the Chromium at `executablePath` headless. */
export function launchChromium(executablePath: string = DEBIAN_CHROMIUM): Promise<Browser> {
  return chromium.launch({ executablePath, args: FLAGS, headless: true });
}
