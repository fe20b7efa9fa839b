/**
 * The feedback screen as a person uses it: the overall figures, the metrics table beside the
 * interval chart, the themes, and the verbatim search.
 */
/// <reference lib="dom" />
import { AppPage } from './app-page.js';

export class FeedbackPage extends AppPage {
  async open(): Promise<void> {
    await this.goTo('Feedback');
    await this.settled();
  }

  /** The value and note of an overall card (CSAT, NPS, CES). */
  async kind(label: string): Promise<{ value: string; note: string }> {
    const card = this.page
      .getByRole('region', { name: 'Overall satisfaction' })
      .getByRole('group', { name: label, exact: true });
    return {
      value: (await card.locator('.figure-value').innerText()).trim(),
      note: (await card.locator('.figure-note').innerText()).trim(),
    };
  }

  /** Chooses the survey kind of the metrics (CSAT, NPS, CES) and what they are split by. */
  async metricsOf(survey: string, by: string): Promise<void> {
    const panel = this.page.getByRole('region', { name: /^Satisfaction by/ });
    await panel.getByRole('group', { name: 'Survey' }).getByRole('radio', { name: survey }).check();
    await panel.getByRole('group', { name: 'By' }).getByRole('radio', { name: by }).check();
    await this.settled();
  }

  /** The cells of a row of the metrics table (caption e.g. "CSAT by touchpoint"). */
  async metricRow(table: string, value: string): Promise<string[]> {
    const row = this.page
      .getByRole('table', { name: table, exact: true })
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: value, exact: true }) });
    return (await row.first().getByRole('cell').allInnerTexts()).map((t) => t.trim());
  }

  metricsChart() {
    return this.page.getByRole('img', { name: /with 95% intervals/ });
  }

  quadrant() {
    return this.page.getByRole('img', { name: /^Key drivers of/ });
  }

  searchForm() {
    return this.page.getByRole('search', { name: 'Search verbatims' });
  }

  async search(words: string): Promise<void> {
    await this.searchForm().getByLabel('Words').fill(words);
    await this.searchForm().getByRole('button', { name: 'Search' }).click();
    await this.settled();
  }

  /** "12 of 717 verbatims hold …": the first number. */
  async verbatimsFound(): Promise<number> {
    const text = await this.page.locator('.verbatim-count strong').innerText();
    return Number(text.replace(/[^\d]/g, ''));
  }

  /** The highlighted words of the verbatims shown. */
  async highlighted(): Promise<string[]> {
    const table = this.page.getByRole('table', { name: 'Verbatims', exact: true });
    return (await table.locator('mark').allInnerTexts()).map((t) => t.trim());
  }

  /** Opens the verbatims of a theme from the themes table. */
  async readTheme(label: string): Promise<void> {
    await this.page
      .getByRole('table', { name: 'Themes of the verbatims', exact: true })
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: label, exact: true }) })
      .first()
      .click();
    await this.settled();
  }
}
