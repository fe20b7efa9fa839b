/**
 * The friction screen as a person uses it: the period and breakdown switches, the filters,
 * the totals above the chart, and the rows of the entries table.
 */
/// <reference lib="dom" />
import { AppPage } from './app-page.js';

export type TTrendTotal = { occurrences: number; customers: number; periods: number };

const number = (text: string): number => Number(text.replace(/[^\d.-]/g, ''));

export class FrictionPage extends AppPage {
  async open(): Promise<void> {
    await this.goTo('Friction');
    await this.settled();
  }

  /** Day, Week or Month. */
  async period(label: 'Day' | 'Week' | 'Month'): Promise<void> {
    await this.page
      .getByRole('group', { name: 'Period' })
      .getByRole('radio', { name: label })
      .check();
    await this.settled();
  }

  /** Segment, Team, Channel or Type. */
  async breakdown(label: 'Segment' | 'Team' | 'Channel' | 'Type'): Promise<void> {
    await this.page.getByRole('group', { name: 'By' }).getByRole('radio', { name: label }).check();
    await this.settled();
  }

  /** Chooses an option of a filter (Type, Team, Touchpoint) by its label. */
  async filter(name: 'Type' | 'Team' | 'Touchpoint', option: string): Promise<void> {
    await this.page
      .getByRole('form', { name: 'Filters' })
      .getByLabel(name)
      .selectOption({ label: option });
    await this.settled();
  }

  /** The totals line above the chart. */
  async trendTotal(): Promise<TTrendTotal> {
    const group = this.page.getByRole('group', { name: 'Trend total' });
    const figure = async (name: string) =>
      number(await group.locator(`[data-figure="${name}"]`).innerText());
    return {
      occurrences: await figure('occurrences'),
      customers: await figure('customers'),
      periods: await figure('periods'),
    };
  }

  chart() {
    return this.page.getByRole('img', { name: /^Friction occurrences per/ });
  }

  /** The cells of the first row of a table (by its caption) that holds all of `texts`. */
  async row(table: string, texts: readonly string[]): Promise<string[]> {
    let rows = this.page.getByRole('table', { name: table, exact: true }).getByRole('row');
    for (const text of texts) rows = rows.filter({ hasText: text });
    return (await rows.first().getByRole('cell').allInnerTexts()).map((t) => t.trim());
  }

  /** The first column of every shown row of a table. */
  async column(table: string, index = 0): Promise<string[]> {
    const rows = this.page.getByRole('table', { name: table, exact: true }).locator('tbody tr');
    return (await rows.locator(`td:nth-child(${index + 1})`).allInnerTexts()).map((t) => t.trim());
  }
}
