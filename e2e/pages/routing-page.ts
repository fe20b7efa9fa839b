/**
 * The routing screen as a person uses it: read the contact volumes, browse the contact
 * reasons, and try a routing decision with the form.
 */
/// <reference lib="dom" />
import { AppPage } from './app-page.js';

export class RoutingPage extends AppPage {
  async open(): Promise<void> {
    await this.goTo('Routing');
    await this.settled();
    await this.form().waitFor();
  }

  form() {
    return this.page.getByRole('form', { name: 'Try a routing decision' });
  }

  /** Fills the form with ids (reason and channel as the workspace names them) and routes. */
  async tryDecision(d: {
    customer: string;
    primary: string;
    secondary?: string;
    channel: string;
  }): Promise<void> {
    const form = this.form();
    await form.getByLabel('Customer id', { exact: true }).fill(d.customer);
    await form.getByLabel('Primary reason', { exact: true }).selectOption(d.primary);
    await form.getByLabel('Secondary reason', { exact: true }).selectOption(d.secondary ?? '');
    await form.getByLabel('Channel', { exact: true }).selectOption(d.channel);
    await form.getByRole('button', { name: 'Route', exact: true }).click();
    await this.answer().waitFor();
  }

  answer() {
    return this.page.getByRole('region', { name: 'Routing decision', exact: true });
  }

  /** The decision shown: treatment, rule (null: none matched) and fields to ask for. */
  async decision(): Promise<{ treatment: string | null; rule: string | null; fields: string[] }> {
    const a = this.answer();
    const rule = a.locator('code.rule');
    return {
      treatment: await a.locator('[data-treatment]').getAttribute('data-treatment'),
      rule: (await rule.count()) === 0 ? null : (await rule.innerText()).trim(),
      fields: (await a.getByRole('listitem').allInnerTexts()).map((t) => t.trim()),
    };
  }

  /** A row of a volume table ("By reason", "By channel", "By stage"), by its first cell. */
  async volumeRow(table: string, name: string): Promise<string[]> {
    const row = this.page
      .getByRole('table', { name: table, exact: true })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
    const header = (await row.getByRole('rowheader').innerText()).trim();
    const cells = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
    return [header, ...cells.filter((c) => c !== '')];
  }

  /** Chooses the period of the reports (calendar dates, both included) and waits for them. */
  async choosePeriod(from: string, to: string): Promise<void> {
    const period = this.page.getByRole('form', { name: 'Period' });
    await period.getByLabel('From', { exact: true }).fill(from);
    await period.getByLabel('To', { exact: true }).fill(to);
    await this.settled();
  }

  /** Picks a secondary reason in the taxonomy browser ("try" it in the form). */
  async pickReason(secondaryName: string): Promise<void> {
    await this.page
      .getByRole('region', { name: /^Contact reasons/ })
      .getByRole('button', { name: secondaryName, exact: true })
      .click();
  }
}
