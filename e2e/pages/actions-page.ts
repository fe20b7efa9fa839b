/**
 * The actions screen as a person uses it: creating an action from the friction screen, the
 * board's columns and team choice, and an action's detail — its status moves, plan and change
 * date, the re-measurement and comments.
 */
/// <reference lib="dom" />
import { AppPage } from './app-page.js';
import { FrictionPage } from './friction-page.js';

export class ActionsPage extends AppPage {
  async open(): Promise<void> {
    await this.goTo('Actions');
    await this.settled();
  }

  /** From the friction screen: narrows to one type at one touchpoint and creates its action. */
  async createFromFriction(type: string, touchpoint: string, problem: string): Promise<void> {
    const friction = new FrictionPage(this.page);
    await friction.open();
    await friction.filter('Type', type);
    await friction.filter('Touchpoint', touchpoint);
    await this.page.getByRole('button', { name: 'Create action' }).click();
    const form = this.page.getByRole('form', { name: 'New action' });
    await form.getByLabel('Problem').fill(problem);
    await form.getByRole('button', { name: 'Create the action' }).click();
    await this.page.getByRole('heading', { level: 2, name: 'Actions' }).waitFor();
    await this.detail().waitFor();
    await this.settled();
  }

  detail() {
    return this.page.getByRole('complementary', { name: 'Action' });
  }

  /** The titles of the cards in a board column (Proposed, Planned, In progress, Done, Dropped). */
  async column(label: string): Promise<string[]> {
    const column = this.page
      .getByRole('region', { name: 'Action board' })
      .getByRole('region', { name: new RegExp(`^${label}\\b`) });
    return (await column.locator('.action-card strong').allInnerTexts()).map((t) => t.trim());
  }

  async board(team: string): Promise<void> {
    await this.page
      .getByRole('form', { name: 'Board' })
      .getByLabel('Board')
      .selectOption({ label: team });
    await this.settled();
  }

  async status(): Promise<string> {
    return (await this.detail().locator('.badge').first().innerText()).trim();
  }

  /** Presses a status move button (e.g. "Move to planned") and waits for the new status. */
  async move(button: string, status: string): Promise<void> {
    await this.detail()
      .getByRole('group', { name: 'Status' })
      .getByRole('button', { name: button })
      .click();
    await this.detail().locator('.badge', { hasText: status }).first().waitFor();
    await this.settled();
  }

  /** Sets the change date and measuring window, and saves the plan. */
  async setChange(date: string, windowDays: number): Promise<void> {
    const form = this.detail().getByRole('form', { name: 'Plan' });
    await form.getByLabel('Change date').fill(date);
    await form.getByLabel('Measuring window (days)').fill(String(windowDays));
    await form.getByRole('button', { name: 'Save plan' }).click();
    await this.detail().getByRole('button', { name: 'Re-measure', disabled: false }).waitFor();
  }

  async remeasure(): Promise<void> {
    await this.detail().getByRole('button', { name: 'Re-measure' }).click();
    await this.detail().getByLabel('Re-measurement').waitFor();
    await this.settled();
  }

  /** The re-measurement as shown: the verdict and each line (Before…, After…, Difference). */
  async result(): Promise<{ verdict: string; lines: Record<string, string> }> {
    const block = this.detail().getByLabel('Re-measurement');
    const verdict = (await block.locator('.badge').innerText()).trim();
    const terms = await block.locator('dt').allInnerTexts();
    const values = await block.locator('dd').allInnerTexts();
    const lines: Record<string, string> = {};
    terms.forEach((t, i) => {
      lines[t.split(' (')[0] ?? t] = (values[i] ?? '').trim();
    });
    return { verdict, lines };
  }

  async comment(body: string): Promise<void> {
    const form = this.detail().getByRole('form', { name: 'New comment' });
    await form.getByLabel('Comment').fill(body);
    await form.getByRole('button', { name: 'Add comment' }).click();
    await this.detail().getByText(body, { exact: true }).waitFor();
  }
}
