/**
 * A change assessment in a real browser on the demo company: started by the CX team, touchpoints
 * picked (one with the keyboard) while the exposure updates — checked against the API's own
 * preview — the five questions answered per affected segment, then the whole review flow:
 * submitted, sent back with a comment, changed, approved and taken live.
 */
/// <reference lib="dom" />
import { expect, it } from 'vitest';
import type { TExposure } from '../src/service/assessments/assessment-types.js';
import { count } from '../src/web/ui/format.js';
import { perMonthFigure } from '../src/web/scenes/assessments/assessment-view.js';
import { demoAndBrowser, describeBrowser, screenshot, signedInPage } from './harness.js';
import { AssessmentsPage } from './pages/assessments-page.js';

describeBrowser('change assessments in Chromium', () => {
  const demo = demoAndBrowser(undefined, 180_000);

  it('fills in the exposure live and takes an assessment from draft to live', async () => {
    const { page, context, errors } = await signedInPage(demo);
    const screen = new AssessmentsPage(page);
    await screen.open();
    await page.getByText('No change assessments yet').waitFor();

    await screen.startNew();
    await screen.describe({
      title: 'Callbacks instead of queues',
      change: 'Callers who would wait more than 5 minutes are offered a callback.',
      goLive: '2026-03-02',
      team: 'Customer Service',
    });
    await screen.pickWithKeyboard('Phone agent');
    const one = await screen.apiPost<TExposure>('/api/assessments/exposure', {
      touchpoints: ['phone-agent'],
    });
    expect(one.total.customers).toBeGreaterThan(0);
    await expect.poll(() => screen.perMonth()).toBe(perMonthFigure(one.total.perMonth));

    await screen.pick('Home delivery');
    const two = await screen.apiPost<TExposure>('/api/assessments/exposure', {
      touchpoints: ['delivery', 'phone-agent'],
    });
    expect(two.total.perMonth).toBeGreaterThan(one.total.perMonth);
    await expect.poll(() => screen.perMonth()).toBe(perMonthFigure(two.total.perMonth));
    const rows = await screen.segmentRows();
    expect(rows.map((r) => [r[2], r[3]])).toEqual(
      two.bySegment.map((s) => [perMonthFigure(s.perMonth), count(s.customers)]),
    );
    expect(await screen.surveyQuestion('Phone agent')).toMatch(/^How /);

    // "How will customers respond": one answer per segment whose customers pass there.
    const segments = await screen.responseSegments();
    expect(segments.length).toBe(two.affectedSegments.length);
    await screen.answer('How will this change impact our customers?', 'Less time on hold.');
    await screen.answer(
      "How will it look from the customer's standpoint?",
      'A promise of a call back.',
    );
    for (const s of segments) await screen.answerSegment(s, `${s}: relieved`);
    await screen.answer('How will they find out?', 'The IVR offers it.');
    await screen.answer('How will they give feedback?', 'CES by SMS after the call.');
    await screenshot(page, 'assessments-form');
    await screen.save();
    expect(await screen.status()).toBe('draft');
    await screenshot(page, 'assessments');

    await screen.submit();
    await screen.review('Request changes', 'Say what VIP callers hear.');
    expect(await screen.reviewNote()).toContain('Say what VIP callers hear.');
    await screen.edit();
    await screen.answer('How will they find out?', 'The IVR offers it; VIPs get an SMS too.');
    await screen.save();
    expect(await screen.status()).toBe('changes_requested');
    await screen.submit();
    await screen.review('Approve');
    await screen.goLive();
    expect(await screen.status()).toBe('live');
    expect(await screen.listRow('Callbacks instead of queues')).toEqual([
      'Callbacks instead of queues',
      'Customer Service',
      'Live',
      'Mar 2, 2026',
      '2',
    ]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
