/**
 * The import wizard in the words of the screen: choose what the file holds and the file,
 * preview, map a column onto a field, import, and read the result and the error report.
 */
/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { AppPage } from './app-page.js';

export class ImportPage extends AppPage {
  async open(): Promise<void> {
    await this.goTo('Import');
  }

  async preview(
    file: { name: string; text: string },
    kind: 'Events' | 'Customers' | 'Feedback',
  ): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Choose a file' });
    await form.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
    await form.getByLabel('File').setInputFiles({
      name: file.name,
      mimeType: 'text/csv',
      buffer: Buffer.from(file.text),
    });
    await form.getByRole('button', { name: 'Preview' }).click();
    await this.page.getByRole('heading', { name: 'Map the columns onto the fields' }).waitFor();
  }

  /** The column chosen for each field, as the selects show it ('' for none). */
  async mapping(): Promise<Record<string, string>> {
    const selects = this.page.getByRole('combobox', { name: /^Column for / });
    const pairs = await selects.evaluateAll((els) =>
      els.map((e): [string, string] => [
        (e.getAttribute('aria-label') ?? '').replace('Column for ', ''),
        (e as HTMLSelectElement).value,
      ]),
    );
    return Object.fromEntries(pairs);
  }

  async map(field: string, column: string): Promise<void> {
    await this.page.getByRole('combobox', { name: `Column for ${field}` }).selectOption(column);
  }

  /** The header and rows of one of the preview tables. */
  async table(caption: string): Promise<string[][]> {
    const table = this.page.getByRole('table', { name: caption });
    return table
      .locator('tr')
      .evaluateAll((rows) =>
        rows.map((r) =>
          Array.from(r.querySelectorAll('th, td'), (c): string => c.textContent?.trim() ?? ''),
        ),
      );
  }

  async runImport(): Promise<void> {
    await this.page.getByRole('button', { name: /^Import [\d,]+ records$/ }).click();
    await this.page.getByRole('heading', { name: 'Error report' }).waitFor({ timeout: 60_000 });
  }

  async figure(label: string): Promise<string> {
    const card = this.page
      .getByRole('group', { name: 'Import result' })
      .getByRole('group', { name: label, exact: true });
    return (await card.locator('.figure-value').innerText()).trim();
  }

  /** The error report as [record, field, reason] rows, in record order. */
  async errors(): Promise<string[][]> {
    const rows = await this.table('Error report');
    return rows.slice(1);
  }

  /** The error report's CSV download, as text. */
  async errorsCsv(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  }
}
