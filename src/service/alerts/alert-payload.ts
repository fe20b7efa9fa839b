/**
 * The body of an alert webhook (`alert.raised`, `alert.resolved`): Slack-compatible — a
 * plain-text `text` (what the notification and clients without blocks show) and Block Kit
 * `blocks` — plus `id`, `type`, `createdAt` and `data` (the alert) for other receivers. Slack
 * reads `text` and `blocks` and ignores the rest. Text from people (rule names) is escaped as
 * Slack's mrkdwn wants (`&`, `<`, `>`), so a rule name cannot ping a channel. Pure.
 */
import { formatInterval, formatValue } from './alert-format.js';
import { metricUnit } from '../../model/metric-unit.js';
import type { TAlert, TAlertEventType, TAlertWebhookBody, TSlackBlock } from './alert-types.js';

/** Slack's limits: a header's text, a section's text. */
const HEADER_MAX = 150;
const SECTION_MAX = 3000;

const escape = (s: string): string =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const cut = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** The id of the webhook event: one per alert and type, so a retry is the same delivery. */
export function alertEventId(alertId: string, type: TAlertEventType): string {
  return `${alertId}:${type === 'alert.raised' ? 'raised' : 'resolved'}`;
}

/**
 * @param appUrl where the alerts screen is (e.g. https://cx.example.com), for a link; optional.
 */
export function alertWebhookBody(
  alert: TAlert,
  type: TAlertEventType,
  createdAt: string,
  appUrl?: string,
): TAlertWebhookBody {
  const unit = alert.unit ?? metricUnit(alert.metric);
  const raised = type === 'alert.raised';
  const m = raised ? alert.raised : alert.latest;
  const value = formatValue(unit, m.value);
  const interval = formatInterval(unit, m.low, m.high);
  const limit = formatValue(unit, alert.raised.limit);
  const title = raised ? `Alert: ${alert.ruleName}` : `Resolved: ${alert.ruleName}`;
  // Slack reads the top-level text as mrkdwn too: a rule named "<!channel>" must not ping.
  const text = escape(
    raised
      ? `🔴 ${title} — ${alert.metricLabel}: ${alert.reason} (n = ${m.n.toLocaleString('en-US')})`
      : `✅ ${title} — ${alert.metricLabel}: ${alert.resolvedReason ?? 'back to normal'}`,
  );
  const fields = [
    `*Metric*\n${escape(alert.metricLabel)}`,
    `*Value*\n${value}${interval === '' ? '' : ` (95% CI ${interval})`}`,
    `*Limit*\n${limit}${alert.raised.baseline === null ? '' : ` (baseline ${formatValue(unit, alert.raised.baseline)})`}`,
    `*Observations*\n${m.n.toLocaleString('en-US')}`,
  ];
  if (alert.teams.length > 0) fields.push(`*Teams*\n${escape(alert.teams.join(', '))}`);
  const link =
    appUrl === undefined
      ? ''
      : ` · <${escape(`${appUrl.replace(/\/$/, '')}/alerts`)}|Open in Journeylens>`;
  const blocks: TSlackBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: cut(`${raised ? '🔴' : '✅'} ${title}`, HEADER_MAX) },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: cut(
          raised ? escape(alert.reason) : escape(alert.resolvedReason ?? 'back to normal'),
          SECTION_MAX,
        ),
      },
      fields: fields.map((f) => ({ type: 'mrkdwn', text: cut(f, 2000) })),
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Rule ${escape(alert.ruleName)} · window ${alert.raised.from.slice(0, 10)} to ${alert.raised.to.slice(0, 10)} · alert ${alert.id}${link}`,
        },
      ],
    },
  ];
  return {
    id: alertEventId(alert.id, type),
    type,
    createdAt,
    text,
    blocks,
    data: { alert, rule: { id: alert.ruleId, name: alert.ruleName } },
  };
}
