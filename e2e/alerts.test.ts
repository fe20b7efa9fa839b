/**
 * The alerts screen in Chromium on the real `journeylens serve`: the CX team creates a rule
 * with the editor (a friction's weekly rate at the payment), breaching events arrive through
 * the ingest API, the alert appears in the inbox by itself (the server's alert stream) with
 * the badge in the navigation, and acknowledging it clears the badge.
 */
/// <reference lib="dom" />
import { expect, it } from 'vitest';
import { csrfToken, demoAndBrowser, describeBrowser, screenshot, signedInPage } from './harness.js';
import { AlertsPage } from './pages/alerts-page.js';

describeBrowser('alerts in Chromium', () => {
  const demo = demoAndBrowser(1000);

  it('creates a rule, shows the alert it raises live, and acknowledges it', async () => {
    const { page, context, errors } = await signedInPage(demo);
    const alerts = new AlertsPage(page);
    await alerts.open();
    await alerts.inbox().getByText('No open alerts').waitFor();
    await alerts.rules().getByText('No alert rules yet.').waitFor();

    await alerts.createRule({
      name: 'Payment failures',
      metric: "A friction's rate",
      friction: 'Failure',
      touchpoint: 'Payment',
      threshold: '20',
      minN: '5',
    });
    expect((await alerts.rule('Payment failures')).slice(0, 5)).toEqual([
      'Payment failures',
      'failure rate (customers affected) at Payment',
      'above 20.0% over the last week, n ≥ 5',
      'ok',
      'never',
    ]);

    // The demo's data is from 2025: only these events are in the last week. 6 of 10 fail.
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const events = Array.from({ length: 10 }, (_, i) => ({
      customer: `alert-e2e-${i}`,
      activity: 'payment_authorisation',
      timestamp: at,
      outcome: i < 6 ? 'failed' : 'ok',
    }));
    const ingest = await page.request.post('/api/ingest/events', {
      headers: { 'content-type': 'application/json', 'x-csrf-token': await csrfToken(page) },
      data: JSON.stringify(events),
    });
    expect(ingest.status()).toBe(200);

    // No reload: the stream brings it once the scheduler has evaluated after ingest.
    const alert = alerts.alert('Payment failures');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toContain(
      'failure rate (customers affected) at Payment: 60.0% (95% CI',
    );
    expect(await alert.innerText()).toContain('60% is above the threshold 20%');
    await expect.poll(() => alerts.badge(), { timeout: 10_000 }).toBe('1');
    await expect.poll(async () => (await alerts.rule('Payment failures'))[3]).toBe('breached');
    await screenshot(page, 'alerts');

    await alerts.acknowledge('Payment failures');
    await expect.poll(() => alerts.badge(), { timeout: 10_000 }).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });
});
