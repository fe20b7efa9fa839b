/**
 * The friction and feedback screens in a real browser on the demo company: figures on the
 * screen against the API (a friction entry's customers and occurrences, a satisfaction metric
 * with its n and interval), the period switch (day, week, month) against the trend's total
 * and its number of periods, filters, the verbatim search and a theme, and the keyboard.
 */
/// <reference lib="dom" />
import { expect, it } from 'vitest';
import type { TSummary } from '../src/web/analysis-types.js';
import type { TFeedbackSection, TVerbatimPage } from '../src/web/scenes/feedback/types.js';
import type { TFrictionSection, TFrictionTrend } from '../src/web/scenes/friction/types.js';
import { frictionLabel } from '../src/model/gap-kinds.js';
import { demoAndBrowser, describeBrowser, screenshot, signedInPage } from './harness.js';
import { FeedbackPage } from './pages/feedback-page.js';
import { FrictionPage } from './pages/friction-page.js';

const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const pct = (share: number): string =>
  `${(share * 100).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

/** Periods from the first to the last of a series, counted here from the calendar. */
function periodsSpanned(series: TFrictionTrend['series'], grain: 'day' | 'week' | 'month'): number {
  const periods = series.map((s) => s.period).sort();
  const first = new Date(`${periods[0]}T00:00:00Z`);
  const last = new Date(`${periods[periods.length - 1]}T00:00:00Z`);
  if (grain === 'month') {
    return (
      (last.getUTCFullYear() - first.getUTCFullYear()) * 12 +
      last.getUTCMonth() -
      first.getUTCMonth() +
      1
    );
  }
  const days = Math.round((last.getTime() - first.getTime()) / 86_400_000);
  return grain === 'day' ? days + 1 : days / 7 + 1;
}

describeBrowser('friction and feedback in Chromium', () => {
  const demo = demoAndBrowser();

  it('shows friction per day, week and month with the API totals, and its entries', async () => {
    const { page, context, errors } = await signedInPage(demo);
    const friction = new FrictionPage(page);
    await friction.open();

    // The largest entry: its customers and occurrences as the API counts them.
    const section = await friction.api<TFrictionSection>('/api/analysis/friction?limit=500');
    const summary = await friction.api<TSummary>('/api/analysis/summary');
    const top = [...section.items].sort((a, b) => b.occurrences - a.occurrences)[0];
    if (top === undefined) throw new Error('the demo has no friction');
    const touchpoint = summary.names.touchpoints[top.touchpoint] ?? top.touchpoint;
    const cells = await friction.row('Friction entries', [frictionLabel(top.type), touchpoint]);
    expect(cells.slice(1, 5)).toEqual([
      touchpoint,
      summary.names.teams[top.team] ?? top.team,
      n(top.customers),
      n(top.occurrences),
    ]);
    expect(cells[5]).toBe(
      (top.occurrences / section.period.months).toLocaleString('en-US', {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }),
    );

    // Month, week and day: the same total, cut into the periods the calendar says.
    for (const [label, grain] of [
      ['Month', 'month'],
      ['Week', 'week'],
      ['Day', 'day'],
    ] as const) {
      await friction.period(label);
      await expect
        .poll(() => new URL(page.url()).searchParams.get('granularity'))
        .toBe(grain === 'month' ? null : grain);
      const trend = await friction.api<TFrictionTrend>(
        `/api/friction/trend?granularity=${grain}&by=segment`,
      );
      const shown = await friction.trendTotal();
      expect(shown).toEqual({
        occurrences: trend.total.occurrences,
        customers: trend.total.customers,
        periods: periodsSpanned(trend.series, grain),
      });
      expect(shown.occurrences).toBe(summary.friction.occurrences);
      if (grain === 'month') await screenshot(page, 'friction');
    }
    expect(await friction.trendTotal()).toMatchObject({ periods: 365 });

    // By channel: the largest channel first, with the API's figures.
    await friction.breakdown('Channel');
    const channels = await friction.api<TFrictionTrend>(
      '/api/friction/trend?granularity=day&by=channel',
    );
    const first = channels.values[0];
    if (first === undefined || first.value === null) throw new Error('no channel');
    const channelRow = await friction.row('Friction by channel', [
      first.value.charAt(0).toUpperCase() + first.value.slice(1),
    ]);
    expect(channelRow.slice(1, 3)).toEqual([n(first.occurrences), n(first.customers)]);
    await expect.poll(() => friction.chart().isVisible()).toBe(true);

    // A type filter narrows both the trend and the entries.
    await friction.filter('Type', 'Repeat contact');
    const repeat = await friction.api<TFrictionTrend>(
      '/api/friction/trend?granularity=day&by=channel&type=repeat_contact',
    );
    expect((await friction.trendTotal()).occurrences).toBe(repeat.total.occurrences);
    expect(repeat.total.occurrences).toBeLessThan(summary.friction.occurrences);
    const types = await friction.column('Friction entries');
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['Repeat contact']));
    expect(new URL(page.url()).searchParams.get('type')).toBe('repeat_contact');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows satisfaction with n and intervals, the drivers, and searches the verbatims', async () => {
    const { page, context, errors } = await signedInPage(demo);
    const feedback = new FeedbackPage(page);
    await feedback.open();
    const f = await feedback.api<TFeedbackSection>('/api/analysis/feedback?limit=1');

    const csat = f.kinds.find((k) => k.kind === 'csat');
    if (csat?.score === null || csat === undefined) throw new Error('the demo has no CSAT');
    const card = await feedback.kind('CSAT');
    expect(card.value).toBe(pct(csat.score.value));
    expect(card.note).toBe(
      `${pct(csat.score.low ?? 0).replace('%', '')}–${pct(csat.score.high ?? 0)} · n ${n(csat.n)}`,
    );

    // A touchpoint's CSAT: value, interval and n as the API has them; a suppressed one says so.
    await feedback.metricsOf('CSAT', 'Touchpoint');
    const summary = await feedback.api<TSummary>('/api/analysis/summary');
    const metrics = f.metrics.touchpoint.filter((m) => m.kind === 'csat');
    const shown = [...metrics].filter((m) => !m.suppressed).sort((a, b) => b.n - a.n)[0];
    const hidden = metrics.find((m) => m.suppressed);
    if (shown?.score === null || shown?.value === null || shown === undefined) {
      throw new Error('no CSAT per touchpoint');
    }
    const name = summary.names.touchpoints[shown.value] ?? shown.value;
    expect(await feedback.metricRow('CSAT by touchpoint', name)).toEqual([
      name,
      pct(shown.score.value),
      pct(shown.score.low ?? 0),
      pct(shown.score.high ?? 0),
      n(shown.n),
      n(shown.customers),
    ]);
    if (hidden?.value !== null && hidden !== undefined) {
      const row = await feedback.metricRow(
        'CSAT by touchpoint',
        summary.names.touchpoints[hidden.value] ?? hidden.value,
      );
      expect(row[1]).toBe('suppressed');
      expect(row[4]).toBe(n(hidden.n));
      expect(hidden.n).toBeLessThan(f.minResponses);
    }
    await expect.poll(() => feedback.metricsChart().isVisible()).toBe(true);
    await expect.poll(() => feedback.quadrant().isVisible()).toBe(true);
    await screenshot(page, 'feedback');

    // The search finds what the API finds, the word highlighted.
    await feedback.search('delivery');
    const found = await feedback.api<TVerbatimPage>('/api/feedback/verbatims?q=delivery');
    expect(found.total).toBeGreaterThan(10);
    expect(await feedback.verbatimsFound()).toBe(found.total);
    const marks = await feedback.highlighted();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => /^deliver/i.test(m))).toBe(true);
    expect(new URL(page.url()).searchParams.get('q')).toBe('delivery');

    // A theme: its verbatims, as many as the analysis counted.
    const theme = f.verbatims.themes[0];
    if (theme === undefined) throw new Error('the demo has no theme');
    await feedback.readTheme(theme.label);
    await expect.poll(() => feedback.verbatimsFound()).toBe(theme.verbatims);
    expect(new URL(page.url()).searchParams.get('theme')).toBe(theme.label);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches the period with the keyboard', async () => {
    const { page, context } = await signedInPage(demo);
    const friction = new FrictionPage(page);
    await friction.open();
    await page.getByRole('group', { name: 'Period' }).getByRole('radio', { name: 'Month' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => new URL(page.url()).searchParams.get('granularity')).toBe('week');
    await friction.settled();
    expect(
      await page
        .getByRole('group', { name: 'Period' })
        .getByRole('radio', { name: 'Week' })
        .isChecked(),
    ).toBe(true);
    await context.close();
  });
});
