/**
 * The alert webhook body: Slack's `text` and `blocks` with the values in the metric's unit,
 * people's text escaped for Slack's mrkdwn, Slack's length limits kept, and the alert itself
 * in `data` for other receivers.
 */
import { describe, expect, it } from 'vitest';
import { alertEventId, alertWebhookBody } from './alert-payload.js';
import type { TAlert } from './alert-types.js';

const alert = (over: Partial<TAlert> = {}): TAlert => ({
  id: 'al_1',
  ruleId: 'ar_1',
  ruleName: 'Repeat calls',
  metric: { kind: 'friction', type: 'repeat_contact', touchpoint: 'call' },
  metricLabel: 'repeat-contact rate (customers affected) at Call',
  unit: 'share',
  teams: ['care'],
  status: 'open',
  raisedAt: '2026-03-15T12:00:00.000Z',
  resolvedAt: null,
  reason: '7.5% is above the threshold 5%',
  resolvedReason: null,
  raised: {
    value: 0.075,
    n: 400,
    low: 0.051,
    high: 0.102,
    limit: 0.05,
    baseline: null,
    from: '2026-03-08T12:00:00.000Z',
    to: '2026-03-15T12:00:00.000Z',
  },
  latest: { value: 0.075, n: 400, low: 0.051, high: 0.102, at: '2026-03-15T12:00:00.000Z' },
  acknowledgedAt: null,
  acknowledgedBy: null,
  ...over,
});

describe('alertWebhookBody', () => {
  it('is a Slack message with the alert in data', () => {
    const body = alertWebhookBody(alert(), 'alert.raised', '2026-03-15T12:00:01.000Z');
    expect(body).toEqual({
      id: 'al_1:raised',
      type: 'alert.raised',
      createdAt: '2026-03-15T12:00:01.000Z',
      text: '🔴 Alert: Repeat calls — repeat-contact rate (customers affected) at Call: 7.5% is above the threshold 5% (n = 400)',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '🔴 Alert: Repeat calls' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '7.5% is above the threshold 5%' },
          fields: [
            { type: 'mrkdwn', text: '*Metric*\nrepeat-contact rate (customers affected) at Call' },
            { type: 'mrkdwn', text: '*Value*\n7.5% (95% CI 5.1%–10.2%)' },
            { type: 'mrkdwn', text: '*Limit*\n5%' },
            { type: 'mrkdwn', text: '*Observations*\n400' },
            { type: 'mrkdwn', text: '*Teams*\ncare' },
          ],
        },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: 'Rule Repeat calls · window 2026-03-08 to 2026-03-15 · alert al_1',
            },
          ],
        },
      ],
      data: { alert: alert(), rule: { id: 'ar_1', name: 'Repeat calls' } },
    });
  });

  it('tells the resolution with the latest value, and links to the app when it knows where', () => {
    const resolved = alert({
      status: 'resolved',
      resolvedReason: 'back to normal: 3% past 5%',
      latest: { value: 0.03, n: 900, low: 0.02, high: 0.04, at: '2026-03-20T12:00:00.000Z' },
    });
    const body = alertWebhookBody(
      resolved,
      'alert.resolved',
      '2026-03-20T12:00:00.000Z',
      'https://cx.example.com/',
    );
    expect(body.id).toBe(alertEventId('al_1', 'alert.resolved'));
    expect(body.text).toBe(
      '✅ Resolved: Repeat calls — repeat-contact rate (customers affected) at Call: back to normal: 3% past 5%',
    );
    const context = body.blocks[2];
    expect(context?.type === 'context' && context.elements[0]?.text).toMatch(
      /<https:\/\/cx\.example\.com\/alerts\|Open in Journeylens>$/,
    );
  });

  it("escapes people's text for Slack and keeps within Slack's limits", () => {
    const body = alertWebhookBody(
      alert({ ruleName: `<!channel> & ${'x'.repeat(200)}`, teams: [] }),
      'alert.raised',
      '2026-03-15T12:00:01.000Z',
    );
    expect(body.text).toMatch(/^🔴 Alert: &lt;!channel&gt; &amp; x/);
    const [header, section, context] = body.blocks;
    expect(header?.type === 'header' && header.text.text.length).toBe(150);
    expect(section?.type === 'section' && section.fields?.length).toBe(4);
    expect(context?.type === 'context' && context.elements[0]?.text).toMatch(
      /^Rule &lt;!channel&gt; &amp; x/,
    );
  });
});
