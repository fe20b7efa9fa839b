/**
 * The process map screen as a person uses it: filters, the threshold slider, the map itself
 * (its drawn activities and transitions), the variant explorer and the exports.
 */
/// <reference lib="dom" />
import type { Download, Page } from 'playwright-core';
import { AppPage } from './app-page.js';

export class ProcessMapPage extends AppPage {
  constructor(page: Page) {
    super(page);
  }

  /** Opens the screen from the navigation and waits until the map is laid out. */
  async open(): Promise<void> {
    await this.goTo('Process map');
    await this.ready();
  }

  /** Waits for the answer and the layout, then for the drawn map. */
  async ready(): Promise<void> {
    await this.settled(90_000);
    await this.map().waitFor();
  }

  map() {
    return this.page.getByRole('group', { name: /^Process map:/ });
  }

  /** Activities drawn (with the start and the end) and transitions drawn. */
  async drawn(): Promise<{ nodes: number; edges: number; variantEdges: number }> {
    const svg = this.page.locator('svg.map');
    return {
      nodes: await svg.locator('[data-kind="node"]').count(),
      edges: await svg.locator('[data-kind="edge"]').count(),
      variantEdges: await svg.locator('[data-kind="edge"][data-variant="yes"]').count(),
    };
  }

  async scrollToTop(): Promise<void> {
    await this.page.evaluate(() => window.scrollTo(0, 0));
  }

  async viewBox(): Promise<string | null> {
    return this.page.locator('svg.map').getAttribute('viewBox');
  }

  /** The value on the figure card with this label. */
  async figure(label: string): Promise<string> {
    const card = this.page
      .getByRole('region', { name: 'Figures of the map' })
      .getByRole('group', { name: label, exact: true });
    return (await card.locator('.figure-value').innerText()).trim();
  }

  /** "Showing 40 of 120 transitions and …": what the threshold leaves. */
  async shown(): Promise<string> {
    return (await this.page.locator('.shown').innerText()).trim();
  }

  async filter(label: string, option: string): Promise<void> {
    await this.page
      .getByRole('form', { name: 'Filters' })
      .getByLabel(label)
      .selectOption({ label: option });
    await this.ready();
  }

  /** Moves the threshold slider to its `index`-th position (0 shows every transition). */
  async threshold(index: number): Promise<void> {
    await this.page.getByRole('slider').fill(String(index));
    await this.ready();
  }

  variants() {
    return this.page.getByRole('table', { name: 'Variants, most frequent first' });
  }

  /** The cells of the variant ranked `rank` (1 = most frequent). */
  async variantRow(rank: number): Promise<string[]> {
    const row = this.variants().getByRole('row').nth(rank);
    return (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
  }

  async selectVariant(rank: number): Promise<void> {
    await this.variants().getByRole('row').nth(rank).click();
    await this.ready();
  }

  selectedVariant() {
    return this.page.locator('.selected-variant');
  }

  /** Clicks a download button (in `within`, a section's heading, when given). */
  async download(button: string, within?: string): Promise<Download> {
    const scope =
      within === undefined
        ? this.page.locator('main')
        : this.page.getByRole('region', { name: within });
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      scope.getByRole('button', { name: button }).first().click(),
    ]);
    return download;
  }
}
