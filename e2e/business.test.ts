/**
 * The business screens in a real browser on the demo company: the opportunities (figures
 * against the API, an assumption changed and every figure priced again, checked against a
 * computation of its own here, reset, filter, CSV), the stage scorecards against the API, and
 * a routing decision tried in the form against the API's own answer.
 */
/// <reference lib="dom" />
import { expect, it } from 'vitest';
import type { TPricedGap } from '../src/analysis/pricing.js';
import type { TAnalysis, TPage, TSummary } from '../src/web/analysis-types.js';
import { count, money, percent } from '../src/web/ui/format.js';
import { csrfToken, demoAndBrowser, describeBrowser, screenshot, signedInPage } from './harness.js';
import { OpportunitiesPage } from './pages/opportunities-page.js';
import { RoutingPage } from './pages/routing-page.js';
import { StagesPage } from './pages/stages-page.js';

type TOpportunities = TPage<TPricedGap> & { costModel: TAnalysis['costModel'] };

/** RFC 4180 fields, enough for the app's own CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted || (ch !== ',' && ch !== '\n' && ch !== '\r')) {
      field += ch;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    }
  }
  return rows;
}

/** An opportunity's yearly total with a flat churn risk, computed here from the counts. */
function totalWithChurn(o: TPricedGap, costModel: TAnalysis['costModel'], churn: number): number {
  const perContact = o.channel === null ? 0 : (costModel.costToServe[o.channel] ?? 0);
  const cost = o.costsContact ? o.occurrencesPerMonth * 12 * perContact : 0;
  const value = Object.entries(o.customersBySegment).reduce(
    (s, [segment, n]) => s + n * (o.assumptions.segmentValues[segment] ?? 0),
    0,
  );
  const risk =
    o.detractorGap === undefined
      ? churn
      : Math.max(0, o.detractorGap.value) * costModel.detractorChurnRisk;
  return cost + value * risk;
}

describeBrowser('the business screens in Chromium', () => {
  const demo = demoAndBrowser(undefined, 180_000);

  it('ranks the opportunities as the API does and prices them again with a changed assumption', async () => {
    const { page, context, errors } = await signedInPage(demo);
    const screen = new OpportunitiesPage(page);
    await screen.open();

    const first = await screen.api<TOpportunities>('/api/analysis/opportunities?limit=500');
    const rest =
      first.total > 500
        ? await screen.api<TOpportunities>('/api/analysis/opportunities?limit=500&offset=500')
        : { items: [] };
    const all = [...first.items, ...rest.items];
    expect(all).toHaveLength(first.total);
    expect(first.total).toBeGreaterThan(500); // the screen must read every page
    const names = (await screen.api<TSummary>('/api/analysis/summary')).names;
    const currency = first.costModel.currency;
    const top = all[0]!;

    expect(await screen.rowCount()).toBe(first.total);
    const row = await screen.row(1);
    expect(row[0]).toBe('1');
    expect(row[2]).toBe(top.teams.map((t) => names.teams[t] ?? t).join(', '));
    expect(row[3]).toBe(top.occurrencesPerMonth.toFixed(1));
    expect(row[5]).toBe(count(Object.values(top.customersBySegment).reduce((s, n) => s + n, 0)));
    expect(row[9]).toBe(money(top.totalPerYear, currency));
    expect(await screen.status()).toBe('as the workspace states them');

    // A flat churn risk of 5% instead of the workspace's 2%.
    const label = 'Churn risk of a customer who meets the friction (assumed)';
    expect(await screen.assumption(label).inputValue()).toBe(
      String(first.costModel.churnRisk * 100),
    );
    await screen.setAssumption(label, '5');
    expect(await screen.status()).toBe('1 changed: figures and ranking priced again');
    expect(await screen.assumptionNote(label)).toBe(
      `changed, was ${percent(first.costModel.churnRisk)}`,
    );
    const priced = all
      .map((o) => ({ o, total: totalWithChurn(o, first.costModel, 0.05) }))
      .sort((a, b) => b.total - a.total);
    const expected = priced.map((p) => p.total);
    const newTop = priced[0]!;
    expect(newTop.total).not.toBeCloseTo(newTop.o.totalPerYear, 0);
    const edited = await screen.row(1);
    expect(edited[9]!.split('\n')).toEqual([
      money(newTop.total, currency),
      `was ${money(newTop.o.totalPerYear, currency)}`,
    ]);

    // Every figure of the downloaded table, in rank order, against the computation above.
    const csv = parseCsv(await screen.downloadCsv());
    const header = csv[0]!;
    const totals = csv.slice(1).map((r) => Number(r[header.indexOf('Total a year')]));
    expect(totals).toHaveLength(expected.length);
    totals.forEach((t, i) => expect(t).toBeCloseTo(expected[i]!, 6));
    expect(csv.slice(1).map((r) => r[0])).toEqual(expected.map((_, i) => String(i + 1)));

    // The business case of the first row, opened from the keyboard, says the churn was changed.
    await screen.openCaseWithKeyboard(1);
    const caseText = await screen.businessCase().innerText();
    expect(caseText).toContain(money(expected[0], currency));
    expect(caseText).toContain('5.0% churn risk');
    await screenshot(page, 'opportunities');
    await page.keyboard.press('Escape');
    await expect.poll(() => screen.businessCase().count()).toBe(0);
    // The focus is back on the row that opened it.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TR');

    await screen.reset();
    expect(await screen.status()).toBe('as the workspace states them');
    expect((await screen.row(1))[9]).toBe(money(top.totalPerYear, currency));

    // The team filter shows what the API's own filter gives.
    const team = top.teams[0]!;
    await screen.filter('Team', names.teams[team] ?? team);
    const filtered = await screen.api<TOpportunities>(
      `/api/analysis/opportunities?team=${encodeURIComponent(team)}&limit=1`,
    );
    await expect.poll(() => screen.rowCount()).toBe(filtered.total);
    expect(new URL(page.url()).searchParams.get('team')).toBe(team);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows one scorecard per stage with the API’s figures', async () => {
    const { page, context, errors } = await signedInPage(demo);
    const screen = new StagesPage(page);
    await screen.open();
    const stages = (await screen.api<TPage<TAnalysis['stages'][number]>>('/api/analysis/stages'))
      .items;
    const names = (await screen.api<TSummary>('/api/analysis/summary')).names;
    expect(stages.length).toBeGreaterThan(2);
    for (const [i, s] of stages.entries()) {
      expect(await screen.figure(s.stage, 'Customers entering')).toBe(count(s.customers));
      const next = stages[i + 1];
      expect(await screen.figure(s.stage, /^Conversion/)).toBe(
        next === undefined ? '–' : percent(s.conversion),
      );
      expect(await screen.figure(s.stage, 'Friction rate')).toBe(percent(s.frictionRate));
    }
    const second = stages[1]!;
    expect(await screen.teams(second.stage)).toEqual(
      [...second.teams]
        .sort((a, b) => b.share - a.share)
        .map((t) => [names.teams[t.team] ?? t.team, percent(t.share)]),
    );
    await screenshot(page, 'stages');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('routes a contact from the form as the API answers it', async () => {
    const { page, context, errors } = await signedInPage(demo);
    const screen = new RoutingPage(page);
    await screen.open();

    const byChannel = await screen.api<{
      rows: { key: string; contacts: number; customers: number }[];
    }>('/api/reports/contacts?by=channel');
    const busiest = byChannel.rows[0]!;
    expect((await screen.volumeRow('By channel', busiest.key)).slice(0, 3)).toEqual([
      busiest.key,
      count(busiest.contacts),
      count(busiest.customers),
    ]);

    // A period (both days included) reads the API's report for [from, to + 1 day).
    await screen.choosePeriod('2025-06-01', '2025-06-30');
    const june = await screen.api<{
      rows: { key: string; contacts: number; customers: number }[];
    }>('/api/reports/contacts?by=channel&from=2025-06-01&to=2025-07-01');
    const juneBusiest = june.rows[0]!;
    expect(juneBusiest.contacts).toBeLessThan(busiest.contacts);
    await expect
      .poll(async () => (await screen.volumeRow('By channel', juneBusiest.key)).slice(0, 3))
      .toEqual([juneBusiest.key, count(juneBusiest.contacts), count(juneBusiest.customers)]);
    expect(new URL(page.url()).search).toBe('?from=2025-06-01&to=2025-06-30');
    // "All time" clears both days in one click, and the all-time figures come back.
    await page
      .getByRole('form', { name: 'Period' })
      .getByRole('button', { name: 'All time', exact: true })
      .click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await expect
      .poll(async () => (await screen.volumeRow('By channel', busiest.key)).slice(0, 3))
      .toEqual([busiest.key, count(busiest.contacts), count(busiest.customers)]);

    await screen.pickReason('Arrived damaged');
    const contact = {
      customer: 'C000042',
      primary: 'delivery',
      secondary: 'damaged',
      channel: 'phone',
    };
    await screen.tryDecision(contact);
    const shown = await screen.decision();

    const res = await page.request.post('/api/route', {
      headers: { 'x-csrf-token': await csrfToken(page) },
      data: {
        customer: { id: contact.customer },
        reason: { primary: contact.primary, secondary: contact.secondary },
        channel: contact.channel,
      },
    });
    expect(res.status()).toBe(200);
    const answer = (await res.json()) as {
      treatment: string;
      rule: string | null;
      fields: string[];
    };
    expect(shown).toEqual({
      treatment: answer.treatment,
      rule: answer.rule,
      fields: answer.fields,
    });
    expect(answer.rule).not.toBeNull();
    await screenshot(page, 'routing');
    expect(errors).toEqual([]);
    await context.close();
  });
});
