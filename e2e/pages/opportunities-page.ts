/**
 * The opportunities screen as a person uses it: read the ranked business cases, change an
 * assumption and read the figures priced again, reset, filter by team and type, open a
 * business case from the keyboard, and download the table.
 */
/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { AppPage } from './app-page.js';

export class OpportunitiesPage extends AppPage {
  async open(): Promise<void> {
    await this.goTo('Opportunities');
    await this.settled();
    await this.table().waitFor();
  }

  table() {
    return this.page.getByRole('table', { name: 'Business cases, ranked' });
  }

  /** The cells of the n-th business case shown (1 = the first row under the header). */
  async row(n: number): Promise<string[]> {
    const cells = this.table().getByRole('row').nth(n).getByRole('cell');
    return (await cells.allInnerTexts()).map((t) => t.trim());
  }

  /** The "N rows" count above the table. */
  async rowCount(): Promise<number> {
    const text = await this.page.getByText(/^[\d,]+ rows?$/).innerText();
    return Number(text.replace(/[^\d]/g, ''));
  }

  assumption(label: string) {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  /** Types a new value in an assumption's field (what was there is replaced). */
  async setAssumption(label: string, value: string): Promise<void> {
    await this.assumption(label).fill(value);
  }

  /** The note under an assumption's field: "changed, was 2.0%", or an error. */
  async assumptionNote(label: string): Promise<string> {
    const id = await this.assumption(label).getAttribute('aria-describedby');
    return (await this.page.locator(`[id="${id}"]`).innerText()).trim();
  }

  /** What the assumptions panel says of the edits: "as the workspace states them", "1 changed: …". */
  async status(): Promise<string> {
    const panel = this.page.getByRole('region', { name: 'Assumptions' });
    // Announced politely (aria-live), not a role="status": that marks loading in this app.
    return (await panel.locator('.assumptions-status').innerText()).trim();
  }

  async reset(): Promise<void> {
    await this.page.getByRole('button', { name: 'Reset' }).click();
  }

  async filter(label: 'Team' | 'Type', option: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).selectOption({ label: option });
  }

  /** Opens the business case of the n-th row with the keyboard (focus, Enter). */
  async openCaseWithKeyboard(n: number): Promise<void> {
    await this.table().getByRole('row').nth(n).focus();
    await this.page.keyboard.press('Enter');
    await this.businessCase().waitFor();
  }

  businessCase() {
    return this.page.getByRole('complementary');
  }

  /** The table as the CSV file "Download CSV" saves. */
  async downloadCsv(): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const path = await download.path();
    return (await readFile(path, 'utf8')).replace(/^\ufeff/, '');
  }
}
