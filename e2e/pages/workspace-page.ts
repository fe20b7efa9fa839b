/**
 * The workspace editor in the words of the screen: its sections, the entries (groups named
 * "Touchpoint checkout", "Ideal journey online-purchase"), their labelled fields, the steps of
 * an ideal journey, saving and what the screen says about it.
 */
/// <reference lib="dom" />
import type { Locator } from 'playwright-core';
import { AppPage } from './app-page.js';

export class WorkspacePage extends AppPage {
  async open(): Promise<void> {
    await this.goTo('Workspace');
    await this.page.getByRole('navigation', { name: 'Sections of the model' }).waitFor();
    await this.settled();
  }

  async section(label: string): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Sections of the model' })
      .getByRole('link', { name: new RegExp(`^${label}`) })
      .click();
    await this.settled();
  }

  touchpoint(id: string): Locator {
    return this.page.getByRole('group', { name: `Touchpoint ${id}`, exact: true });
  }

  journey(id: string): Locator {
    return this.page.getByRole('group', { name: `Ideal journey ${id}`, exact: true });
  }

  /** The touchpoint ids of a journey's steps, in order, as the selects show them. */
  async steps(journeyId: string): Promise<string[]> {
    const selects = this.journey(journeyId).getByRole('combobox', {
      name: /^Step \d+ touchpoint$/,
    });
    return selects.evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
  }

  async addStep(journeyId: string, touchpointId: string): Promise<number> {
    const journey = this.journey(journeyId);
    await journey.getByRole('button', { name: 'Add a step' }).click();
    const n = (await this.steps(journeyId)).length;
    await journey
      .getByRole('combobox', { name: `Step ${n} touchpoint` })
      .selectOption(touchpointId);
    return n;
  }

  /** The server's verdict once it has checked the change: "Unsaved changes…" or "N errors…". */
  async checked(): Promise<string> {
    const status = this.page.locator('.ws-status');
    await this.page.waitForFunction(() => {
      const text = document.querySelector('.ws-status')?.textContent ?? '';
      return text !== '' && !text.includes('Checking');
    });
    return (await status.innerText()).trim();
  }

  async save(): Promise<string> {
    await this.checked();
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
    await this.page.waitForFunction(() => {
      const text = document.querySelector('main')?.textContent ?? '';
      return /Saved version \d+|Not saved|Nothing to save/.test(text);
    });
    const alert = this.page.getByRole('alert');
    if ((await alert.count()) > 0) return (await alert.first().innerText()).trim();
    return (await this.page.locator('.ws-status .saved').innerText()).trim();
  }

  async reload(): Promise<void> {
    await this.page.getByRole('button', { name: 'Reload', exact: true }).click();
    await this.settled();
  }

  /** The error shown beside a field (its aria-describedby), '' when none. */
  async fieldError(field: Locator): Promise<string> {
    const id = await field.getAttribute('aria-describedby');
    if (id === null) return '';
    return (await this.page.locator(`[id="${id}"]`).innerText()).trim();
  }
}
