/**
 * The alerts screen as a person uses it: the inbox (acknowledge an alert), the rules (create
 * one with the editor), and the unread badge beside "Alerts" in the navigation.
 */
/// <reference lib="dom" />
import { AppPage } from './app-page.js';

export type TNewRule = {
  name: string;
  metric: string;
  friction?: string;
  touchpoint?: string;
  threshold: string;
  minN: string;
};

export class AlertsPage extends AppPage {
  async open(): Promise<void> {
    await this.goTo('Alerts');
    await this.settled();
  }

  inbox() {
    return this.page.getByRole('region', { name: 'Inbox', exact: true });
  }

  rules() {
    return this.page.getByRole('region', { name: 'Rules', exact: true });
  }

  /** The count beside "Alerts" in the navigation ('' when there is none). */
  async badge(): Promise<string> {
    const badge = this.nav()
      .getByRole('link', { name: /^Alerts/ })
      .locator('.nav-badge');
    return (await badge.count()) === 0 ? '' : (await badge.innerText()).trim();
  }

  /** Opens the editor, fills it and saves; waits for the rule in the table. */
  async createRule(rule: TNewRule): Promise<void> {
    await this.rules().getByRole('button', { name: 'New rule', exact: true }).click();
    const form = this.page.getByRole('form', { name: 'New alert rule' });
    await form.getByLabel('Name', { exact: true }).fill(rule.name);
    await form.getByLabel('Metric', { exact: true }).selectOption({ label: rule.metric });
    if (rule.friction !== undefined) {
      await form.getByLabel('Friction', { exact: true }).selectOption({ label: rule.friction });
    }
    if (rule.touchpoint !== undefined) {
      await form.getByLabel('Touchpoint', { exact: true }).selectOption({ label: rule.touchpoint });
    }
    await form.getByLabel(/^Threshold/).fill(rule.threshold);
    await form.getByLabel('Minimum observations', { exact: true }).fill(rule.minN);
    await form.getByRole('button', { name: 'Save rule', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await this.ruleRow(rule.name).waitFor();
  }

  ruleRow(name: string) {
    return this.rules().getByRole('row').filter({ hasText: name });
  }

  /** The cells of a rule's row. */
  async rule(name: string): Promise<string[]> {
    return (await this.ruleRow(name).getByRole('cell').allInnerTexts()).map((t) => t.trim());
  }

  alert(ruleName: string) {
    return this.inbox().getByRole('listitem', { name: new RegExp(`^${ruleName},`) });
  }

  async acknowledge(ruleName: string): Promise<void> {
    await this.alert(ruleName).getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await this.alert(ruleName)
      .getByText(/^Acknowledged by/)
      .waitFor();
  }
}
