/**
 * The journey map screen as a person uses it: choose a segment and one of its ideal journeys,
 * read the touchpoint cards, open one (click or Enter) and read its panel, download the map
 * and the tables.
 */
/// <reference lib="dom" />
import type { Download } from 'playwright-core';
import { AppPage } from './app-page.js';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class JourneyMapPage extends AppPage {
  async open(): Promise<void> {
    await this.goTo('Journey map');
    await this.settled();
    await this.map().waitFor();
  }

  map() {
    return this.page.getByRole('group', { name: /^Journey map: / });
  }

  /** A touchpoint's card: a button whose name starts with the touchpoint's name. */
  card(name: string) {
    return this.map().getByRole('button', { name: new RegExp(`^${escape(name)};`) });
  }

  /** All the words drawn on a card (SVG text has no innerText). */
  async cardText(name: string): Promise<string> {
    const texts = await this.card(name).locator('text').allTextContents();
    return texts.map((t) => t.trim()).join(' | ');
  }

  async choose(label: 'Segment' | 'Ideal journey', option: string): Promise<void> {
    await this.page.getByRole('combobox', { name: label }).selectOption({ label: option });
    await this.settled();
    await this.map().waitFor();
  }

  async chosen(label: 'Segment' | 'Ideal journey'): Promise<string> {
    return this.page
      .getByRole('combobox', { name: label })
      .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
  }

  panel() {
    return this.page.getByRole('dialog');
  }

  /** A figure of the panel's metrics by its label. */
  async metric(label: string): Promise<string> {
    const item = this.panel()
      .locator('dl div')
      .filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${escape(label)}$`) }) });
    return (await item.locator('dd').innerText()).trim();
  }

  /** Rows of one of the panel's tables (by its caption), as cell texts. */
  async panelTable(caption: string): Promise<string[][]> {
    const rows = this.panel().getByRole('table', { name: caption }).locator('tbody tr');
    const out: string[][] = [];
    for (const row of await rows.all()) {
      out.push((await row.getByRole('cell').allInnerTexts()).map((t) => t.trim()));
    }
    return out;
  }

  async download(button: string, within = this.page.locator('main')): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      within.getByRole('button', { name: button }).first().click(),
    ]);
    return download;
  }
}
