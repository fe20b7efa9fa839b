/**
 * The brainstorm screens as a person uses them: open a session (the CX team), write entries
 * on the board, watch others' entries arrive, lock it, merge duplicates, cluster entries into
 * touchpoints and order them into an ideal journey.
 */
/// <reference lib="dom" />
import type { Locator } from 'playwright-core';
import { AppPage } from './app-page.js';

export class BrainstormPage extends AppPage {
  async openList(): Promise<void> {
    await this.goTo('Brainstorms');
    await this.settled();
  }

  /** Opens a board by its address (as a link shared with the teams would). */
  async openBoard(id: string, title: string): Promise<void> {
    await this.page.goto(`/brainstorms?id=${id}`);
    await this.page.getByRole('heading', { level: 2, name: title }).waitFor();
  }

  /** The CX team opens a session from the list; answers its id (from the address). */
  async openSession(s: {
    title: string;
    minutes: number;
    teams: string[];
    segments: string[];
  }): Promise<string> {
    await this.page.getByRole('button', { name: 'Open a brainstorm' }).click();
    const form = this.page.getByRole('form', { name: 'Open a brainstorm' });
    await form.getByLabel('Title').fill(s.title);
    await form.getByLabel('Duration (minutes)').fill(String(s.minutes));
    for (const t of s.teams) {
      await form
        .getByRole('group', { name: 'Invited teams' })
        .getByLabel(t, { exact: true })
        .check();
    }
    for (const seg of s.segments) {
      await form
        .getByRole('group', { name: 'Segments to order journeys for' })
        .getByLabel(seg, { exact: true })
        .check();
    }
    await form.getByRole('button', { name: 'Open', exact: true }).click();
    await this.page.getByRole('heading', { level: 2, name: s.title }).waitFor();
    const id = new URL(this.page.url()).searchParams.get('id');
    if (id === null) throw new Error(`no brainstorm id in ${this.page.url()}`);
    return id;
  }

  entryForm(): Locator {
    return this.page.getByRole('form', { name: 'New entry' });
  }

  async addEntry(text: string, options: { channel?: string; stage?: string } = {}): Promise<void> {
    const form = this.entryForm();
    await form.getByLabel('Interaction').fill(text);
    if (options.channel !== undefined)
      await form.getByLabel('Channel').selectOption(options.channel);
    if (options.stage !== undefined) await form.getByLabel('Stage').selectOption(options.stage);
    await form.getByRole('button', { name: 'Add entry' }).click();
    await this.entry(text).waitFor();
  }

  entries(): Locator {
    return this.page.getByRole('list', { name: 'Entries' }).getByRole('listitem');
  }

  /** The entry (top-level item of the board) with this text. */
  entry(text: string): Locator {
    return this.page
      .getByRole('list', { name: 'Entries' })
      .locator(':scope > li')
      .filter({ has: this.page.locator('.text', { hasText: text }) });
  }

  /** The texts on the board, in board order. */
  async texts(): Promise<string[]> {
    return this.page
      .getByRole('list', { name: 'Entries' })
      .locator(':scope > li .text')
      .allInnerTexts();
  }

  status(): Locator {
    return this.page.getByRole('region', { name: 'Session' }).locator('.badge').first();
  }

  timer(): Locator {
    return this.page.getByRole('timer', { name: 'Time left' });
  }

  async lock(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lock now' }).click();
    await this.page.getByRole('region', { name: 'Cluster the entries' }).waitFor();
  }

  async select(text: string): Promise<void> {
    await this.entry(text).getByRole('checkbox').check();
  }

  /** Merges the selected entries into the first one selected. */
  async mergeSelected(): Promise<void> {
    await this.page.getByRole('button', { name: 'Merge as duplicates' }).click();
    await this.page.getByText(/^Merged \d+ as duplicates\.$/).waitFor();
  }

  async cluster(t: { name: string; stage: string; channel: string; owner: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Cluster into a touchpoint' });
    await form.getByLabel('Touchpoint name').fill(t.name);
    await form.getByLabel('Stage').selectOption(t.stage);
    await form.getByLabel('Channel').selectOption(t.channel);
    await form.getByLabel('Owner team').selectOption({ label: t.owner });
    await form.getByRole('button', { name: 'Make touchpoint' }).click();
    await this.touchpoint(t.name).waitFor();
  }

  touchpoint(name: string): Locator {
    return this.page
      .getByRole('list', { name: 'Touchpoints from this brainstorm' })
      .getByRole('listitem', { name: `Touchpoint ${name}` });
  }

  journey(): Locator {
    return this.page.getByRole('region', { name: 'Ideal journey' });
  }

  async addStep(touchpoint: string): Promise<void> {
    await this.journey().getByLabel('Touchpoint to add').selectOption({ label: touchpoint });
    await this.journey().getByRole('button', { name: 'Add step' }).click();
  }

  steps(): Locator {
    return this.journey().getByRole('list', { name: 'Journey steps' }).getByRole('listitem');
  }

  async stepNames(): Promise<string[]> {
    return this.journey().locator('.steps .text').allInnerTexts();
  }

  /** Drags one step onto another's place. */
  async dragStep(from: string, onto: string): Promise<void> {
    const list = this.journey().getByRole('list', { name: 'Journey steps' });
    await list
      .getByRole('listitem', { name: from })
      .dragTo(list.getByRole('listitem', { name: onto }));
  }

  async moveStep(name: string, direction: 'up' | 'down'): Promise<void> {
    await this.journey()
      .getByRole('button', { name: `Move ${name} ${direction}` })
      .click();
  }

  async saveJourney(name: string): Promise<void> {
    await this.journey().getByLabel('Journey name').fill(name);
    await this.journey().getByRole('button', { name: 'Save journey' }).click();
    await this.journey()
      .getByText(/^Saved ideal journey /)
      .waitFor();
  }
}
