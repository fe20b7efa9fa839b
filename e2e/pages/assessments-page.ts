/**
 * The Assessments screen as a person uses it: start a change assessment, pick touchpoints and
 * read the exposure as it updates, answer the five questions (per segment), save, submit,
 * review and record the go-live.
 */
/// <reference lib="dom" />
import { AppPage } from './app-page.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class AssessmentsPage extends AppPage {
  async open(): Promise<void> {
    await this.goTo('Assessments');
    await this.settled();
  }

  form() {
    return this.page.getByRole('form', { name: 'Change assessment' });
  }

  async startNew(): Promise<void> {
    await this.page.getByRole('button', { name: 'New assessment', exact: true }).click();
    await this.form().waitFor();
  }

  async describe(d: { title: string; change: string; goLive: string; team: string }) {
    const form = this.form();
    await form.getByLabel('Title', { exact: true }).fill(d.title);
    await form.getByLabel('The change', { exact: true }).fill(d.change);
    await form.getByLabel('Planned go-live', { exact: true }).fill(d.goLive);
    await form.getByLabel('Owner team', { exact: true }).selectOption({ label: d.team });
  }

  touchpoint(name: string) {
    return this.form().getByRole('checkbox', { name: new RegExp(`^${escape(name)} \\(`) });
  }

  async pick(name: string): Promise<void> {
    await this.touchpoint(name).check();
  }

  /** Ticks a touchpoint with the keyboard only: focus it, then Space. */
  async pickWithKeyboard(name: string): Promise<void> {
    await this.touchpoint(name).focus();
    await this.page.keyboard.press('Space');
  }

  exposure() {
    return this.page.getByRole('region', { name: 'Exposure', exact: true });
  }

  /** Waits for the exposure of the current selection and reads its headline figure. */
  async perMonth(): Promise<string> {
    await this.settled();
    const figure = this.exposure().locator('[data-figure="per-month"]');
    await figure.waitFor();
    return (await figure.innerText()).trim();
  }

  /** The rows of "Customers by segment": [segment, tier, per month, in the period]. */
  async segmentRows(): Promise<string[][]> {
    const rows = this.exposure()
      .getByRole('table', { name: 'Customers by segment' })
      .getByRole('row');
    const out: string[][] = [];
    for (const row of (await rows.all()).slice(1)) {
      out.push((await row.getByRole('cell').allInnerTexts()).map((t) => t.trim()));
      out[out.length - 1]!.unshift((await row.getByRole('rowheader').innerText()).trim());
    }
    return out;
  }

  async answer(question: string, text: string): Promise<void> {
    await this.form().getByLabel(question, { exact: true }).fill(text);
  }

  async answerSegment(segment: string, text: string): Promise<void> {
    await this.form()
      .getByRole('group', { name: /How will customers respond/ })
      .getByLabel(segment, { exact: true })
      .fill(text);
  }

  /** The segments the form asks "how will they respond" for. */
  async responseSegments(): Promise<string[]> {
    const group = this.form().getByRole('group', { name: /How will customers respond/ });
    return (await group.locator('label').allInnerTexts()).map((t) => t.trim());
  }

  async save(): Promise<void> {
    await this.form().getByRole('button', { name: /^Save/ }).click();
    await this.detail().waitFor();
    await this.settled();
  }

  detail() {
    return this.page.getByRole('article', { name: /^Assessment / });
  }

  async status(): Promise<string | null> {
    return this.detail().locator('[data-status]').getAttribute('data-status');
  }

  private async step(click: () => Promise<void>, expected: string): Promise<void> {
    await click();
    await this.detail().locator(`[data-status="${expected}"]`).waitFor();
    await this.settled();
  }

  async submit(): Promise<void> {
    await this.step(
      () => this.detail().getByRole('button', { name: 'Submit for review' }).click(),
      'submitted',
    );
  }

  async review(decision: 'Approve' | 'Request changes', comment = ''): Promise<void> {
    const form = this.detail().getByRole('form', { name: 'Review' });
    await form.getByLabel('Review comment').fill(comment);
    await this.step(
      () => form.getByRole('button', { name: decision, exact: true }).click(),
      decision === 'Approve' ? 'approved' : 'changes_requested',
    );
  }

  async reviewNote(): Promise<string> {
    return (await this.detail().getByLabel('Review', { exact: true }).first().innerText()).trim();
  }

  async edit(): Promise<void> {
    await this.detail().getByRole('button', { name: 'Edit', exact: true }).click();
    await this.form().waitFor();
  }

  async goLive(): Promise<void> {
    const form = this.detail().getByRole('form', { name: 'Go live' });
    await this.step(() => form.getByRole('button', { name: 'Record go-live' }).click(), 'live');
  }

  /** The suggested survey's first question at a touchpoint. */
  async surveyQuestion(touchpoint: string): Promise<string> {
    const article = this.page.getByRole('article', { name: `Survey at ${touchpoint}` });
    return (await article.getByRole('listitem').first().innerText()).trim();
  }

  /** The list's row of an assessment: [title, team, status, go-live, touchpoints]. */
  async listRow(title: string): Promise<string[]> {
    const row = this.page
      .getByRole('table', { name: 'Change assessments' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: title, exact: true }) });
    const header = (await row.getByRole('rowheader').innerText()).trim();
    return [header, ...(await row.getByRole('cell').allInnerTexts()).map((t) => t.trim())];
  }

  /** A POST on the API with the page's session (and its CSRF token). */
  async apiPost<T>(path: string, body: unknown): Promise<T> {
    const cookies = await this.page.context().cookies();
    const csrf = cookies.find((c) => c.name === 'jl_csrf')?.value ?? '';
    const res = await this.page.request.post(path, {
      data: body,
      headers: { 'x-csrf-token': decodeURIComponent(csrf) },
    });
    if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  }
}
