/**
 * Page models: what a person sees and does on each screen, in the words of the screen
 * (role-based locators), so the tests read like the task and survive markup changes.
 */
/// <reference lib="dom" />
import type { Page } from 'playwright-core';

export class LoginPage {
  constructor(readonly page: Page) {}

  async open(base: string): Promise<void> {
    await this.page.goto(base);
    await this.page.getByRole('form', { name: 'Sign in' }).waitFor();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('E-mail').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  alert() {
    return this.page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
  }
}

export class AppPage {
  constructor(readonly page: Page) {}

  nav() {
    return this.page.getByRole('navigation', { name: 'Screens' });
  }

  /** Opens a screen from the navigation and waits for its heading. */
  async goTo(label: string, heading = label): Promise<void> {
    await this.nav().getByRole('link', { name: label, exact: true }).click();
    await this.page.getByRole('heading', { level: 2, name: heading }).waitFor();
  }

  /** Waits until no loading indicator is left on the screen. */
  async settled(timeout = 30_000): Promise<void> {
    await this.page.waitForFunction(
      () => document.querySelector('main [role="status"]') === null,
      undefined,
      {
        timeout,
      },
    );
  }

  async signOut(): Promise<void> {
    await this.nav().getByRole('button', { name: 'Sign out' }).click();
  }

  /** A GET on the API with the page's session, for comparing the screen with the data. */
  async api<T>(path: string): Promise<T> {
    const res = await this.page.request.get(path);
    if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

export class OverviewPage extends AppPage {
  /** The value shown on the headline card with this label. */
  async figure(label: string): Promise<string> {
    const card = this.page
      .getByRole('region', { name: 'Headline figures' })
      .getByRole('group', { name: label, exact: true });
    return (await card.locator('.figure-value').innerText()).trim();
  }

  async stageRow(stage: string): Promise<string[]> {
    const row = this.page
      .getByRole('table')
      .filter({ hasText: 'Conversion' })
      .getByRole('row', { name: new RegExp(`^${stage}\\b`) });
    return (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
  }
}
