/**
 * The stage scorecards as a person reads them: one card per stage with its figures and the
 * teams' shares.
 */
/// <reference lib="dom" />
import { AppPage } from './app-page.js';

export class StagesPage extends AppPage {
  async open(): Promise<void> {
    await this.goTo('Stages');
    await this.settled();
    await this.page.getByRole('region', { name: 'Stage scorecards' }).waitFor();
  }

  scorecard(stage: string) {
    return this.page
      .getByRole('region', { name: 'Stage scorecards' })
      .getByRole('article', { name: stage, exact: true });
  }

  /** The headline value of a figure on a stage's card ("Customers entering", /^Conversion/...). */
  async figure(stage: string, label: string | RegExp): Promise<string> {
    const group = this.scorecard(stage).getByRole('group', { name: label });
    return (await group.locator('dd').first().innerText()).trim();
  }

  /** The teams on a stage's card with their shares: [["Stores", "16.9%"], ...]. */
  async teams(stage: string): Promise<string[][]> {
    const rows = this.scorecard(stage).getByRole('table').getByRole('row');
    const out: string[][] = [];
    for (const row of await rows.all()) {
      const name = (await row.getByRole('rowheader').innerText()).trim();
      const share = (await row.getByRole('cell').first().innerText()).trim();
      out.push([name, share]);
    }
    return out;
  }
}
