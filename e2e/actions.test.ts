/**
 * Improvement actions in a real browser on the demo company: an action created from the
 * friction screen (failed payments), moved along its statuses on the board, given a change
 * date and re-measured — the before/after figures on the screen against the API's — commented,
 * and found on its team's board but not on another team's.
 */
/// <reference lib="dom" />
import { expect, it } from 'vitest';
import type { TActionDetail, TActionList } from '../src/service/actions/action-types.js';
import type { TSummary } from '../src/web/analysis-types.js';
import {
  differenceText,
  measurementText,
  verdictBadge,
} from '../src/web/scenes/actions/action-view.js';
import { demoAndBrowser, describeBrowser, screenshot, signedInPage } from './harness.js';
import { ActionsPage } from './pages/actions-page.js';

describeBrowser('improvement actions in Chromium', () => {
  const demo = demoAndBrowser(1500);

  it('creates an action from a friction, moves it, re-measures it and shows the result', async () => {
    const { page, context, errors } = await signedInPage(demo);
    const actions = new ActionsPage(page);

    await actions.createFromFriction('Failure', 'Payment', 'Card payments fail at authorisation');
    const id = new URL(page.url()).searchParams.get('action') ?? '';
    expect(id).toMatch(/^act_/);
    const created = await actions.api<TActionDetail>(`/api/actions/${id}`);
    expect(created.title).toBe('Reduce failure at Payment');
    expect(created.metric).toEqual({ kind: 'friction', type: 'failure', touchpoint: 'payment' });
    expect(created.baseline?.n).toBeGreaterThan(0);
    await actions
      .detail()
      .getByText(`Baseline: ${measurementText(created.baseline!)}`, { exact: false })
      .waitFor();
    expect(await actions.status()).toBe('Proposed');
    expect(await actions.column('Proposed')).toEqual(['Reduce failure at Payment']);

    await actions.move('Move to planned', 'Planned');
    await actions.move('Move to in progress', 'In progress');
    expect(await actions.column('In progress')).toEqual(['Reduce failure at Payment']);
    expect(await actions.column('Proposed')).toEqual([]);

    // Live on 1 October 2025; four weeks either side are in the demo's data.
    await actions.setChange('2025-10-01', 28);
    await actions.remeasure();
    const measured = await actions.api<TActionDetail>(`/api/actions/${id}`);
    const result = measured.result;
    if (result === null) throw new Error('no result after re-measuring');
    expect(result.before.from).toBe('2025-09-03T00:00:00.000Z');
    expect(result.after.to).toBe('2025-10-29T00:00:00.000Z');
    expect(result.comparison.interval).not.toBeNull();
    const shown = await actions.result();
    expect(shown.verdict).toBe(verdictBadge(result.comparison).text);
    expect(shown.lines).toEqual({
      Before: measurementText(result.before),
      After: measurementText(result.after),
      Difference: differenceText(result.comparison, result.after.unit),
    });
    await screenshot(page, 'actions');

    await actions.comment('Second acquirer live for card payments');
    await actions.move('Mark done', 'Done');
    expect(await actions.column('Done')).toEqual(['Reduce failure at Payment']);

    // The owning team's board has it; another team's has none.
    const summary = await actions.api<TSummary>('/api/analysis/summary');
    const owner = summary.names.teams[measured.team] ?? measured.team;
    await actions.board(owner);
    expect(await actions.column('Done')).toEqual(['Reduce failure at Payment']);
    const other = Object.entries(summary.names.teams).find(([tid]) => tid !== measured.team);
    if (other === undefined) throw new Error('the demo has one team');
    await actions.board(other[1]);
    await page.getByText(`No actions for ${other[1]} yet`).waitFor();
    const list = await actions.api<TActionList>(`/api/actions?team=${other[0]}`);
    expect(list.actions).toEqual([]);

    // Keyboard: the card is a button; Enter opens the action.
    await actions.board('The whole experience');
    await actions.detail().getByRole('button', { name: 'Close' }).click();
    const card = page.getByRole('button', { name: /Reduce failure at Payment/ });
    await card.focus();
    await page.keyboard.press('Enter');
    await actions.detail().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
