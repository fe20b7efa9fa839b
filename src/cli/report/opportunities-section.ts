/**
 * Opportunities: the ranked business cases, each figure with the assumptions that produced it
 * (cost per occurrence and where it comes from, churn risk — measured from NPS answers or the
 * flat assumption — segment values, what could not be priced), so a reader can challenge any
 * number without opening the JSON.
 */
import type { TPricedGap } from '../../analysis/pricing.js';
import { deviationLabel, frictionLabel } from '../../model/gap-kinds.js';
import type { TReportContext } from './context.js';
import { boundedTable, type TChart, type TSection } from './document.js';
import { count, counted, money, NONE, percent, perMonth, unitMoney } from './format.js';
import { signed } from './satisfaction-format.js';
import type { TLabels } from './labels.js';

/** Rows in the opportunities table; bars in its chart. */
export const OPPORTUNITY_ROWS = 20;
const CHART_BARS = 10;

/** What the gap is, in words: "Long wait at Call", "Skipped step: Delivery in Online purchase". */
export function describeOpportunity(o: TPricedGap, labels: TLabels): string {
  const touchpoint = labels.touchpoint(o.touchpoint);
  return o.source === 'friction'
    ? `${frictionLabel(o.type)} at ${touchpoint}`
    : `${deviationLabel(o.type)}: ${touchpoint} in ${labels.journey(o.journey)}`;
}

/** Customers affected, "≤1,234" when summed over variants (an upper bound). */
export function opportunityCustomers(o: TPricedGap): string {
  const total = Object.values(o.customersBySegment).reduce((s, c) => s + c, 0);
  return `${o.customersUpperBound === true ? '≤' : ''}${count(total)}`;
}

/** The owning teams, by name. */
export function owningTeams(o: TPricedGap, labels: TLabels): string {
  return o.teams.length === 0 ? NONE : o.teams.map((t) => labels.team(t)).join(', ');
}

/**
 * Where the churn risk comes from: "churn measured: +34.4 pts detractors among exposed NPS
 * answers (+30.1 to +38.6 pts, n 540) × detractor churn 10% = 3.4%", or "flat churn risk 2%".
 */
export function churn(o: TPricedGap): string {
  const a = o.assumptions;
  const gap = a.detractorGap;
  if (a.churnSource === 'assumed' || gap === undefined) {
    return `flat churn risk ${percent(a.churnRisk)} (assumed)`;
  }
  const points = (x: number): string => signed(100 * x, 1);
  const interval =
    gap.low === null || gap.high === null ? '' : `${points(gap.low)} to ${points(gap.high)} pts, `;
  return (
    `churn measured: ${points(gap.value)} pts detractors among exposed NPS answers (${interval}n ${count(gap.n)}) ` +
    `× detractor churn ${percent(a.detractorChurnRisk)} = ${percent(a.churnRisk)}`
  );
}

function assumptions(o: TPricedGap, { labels, currency }: TReportContext): string {
  const a = o.assumptions;
  const values = Object.entries(a.segmentValues).map(
    ([segment, value]) =>
      `${labels.segment(segment)} ${money(value, currency)} × ${count(o.customersBySegment[segment] ?? 0)}`,
  );
  return [
    `${unitMoney(a.costPerOccurrence, currency)} per occurrence (${a.costSource})`,
    churn(o),
    ...(values.length === 0 ? [] : [`segment values: ${values.join(', ')}`]),
    ...a.missing,
  ].join('; ');
}

/** How churn is priced, and for how many opportunities it was measured. */
function churnPolicy({ analysis: a }: TReportContext): string {
  const measured = a.opportunities.filter((o) => o.assumptions.churnSource === 'measured').length;
  const flat = `${percent(a.costModel.churnRisk)} of the customers affected (costModel.churnRisk)`;
  if (measured === 0) return `a flat ${flat}; no NPS gap measured a friction's extra detractors`;
  return (
    `measured for ${count(measured)} of ${counted(a.opportunities.length, 'opportunity', 'opportunities')}: ` +
    `the extra share of detractors among exposed NPS answers × a detractor's churn risk of ${percent(a.costModel.detractorChurnRisk)} (costModel.detractorChurnRisk); ` +
    `for the others a flat ${flat}`
  );
}

export function opportunitiesSection(ctx: TReportContext): TSection {
  const { analysis: a, labels, currency } = ctx;
  const costs = Object.entries(a.costModel.costToServe);
  const segmentValues = new Map<string, number>();
  for (const o of a.opportunities)
    for (const [segment, value] of Object.entries(o.assumptions.segmentValues))
      segmentValues.set(segment, value);
  const top = a.opportunities.slice(0, CHART_BARS);
  const chart: TChart = {
    type: 'bars',
    title: `Top ${top.length} opportunities, a year`,
    parts: ['cost to serve', 'revenue at risk'],
    bars: top.map((o) => ({
      label: describeOpportunity(o, labels),
      parts: [o.costToServePerYear, o.revenueAtRiskPerYear],
      text: money(o.totalPerYear, currency),
    })),
  };
  return {
    id: 'opportunities',
    title: 'Opportunities',
    blocks: [
      {
        kind: 'paragraph',
        text:
          'Every friction and every deviation from an ideal journey, priced with the workspace cost model and ranked by its yearly figure. ' +
          "Cost to serve = occurrences per month × 12 × the cost of one contact on the touchpoint's channel; " +
          "revenue at risk = customers affected × their segment's annual value × churn risk. " +
          'The assumptions are beside each figure; change them under costModel and segments in journeylens.yaml.',
      },
      {
        kind: 'facts',
        facts: [
          ['Currency', currency],
          ['Churn risk', churnPolicy(ctx)],
          [
            'Cost of one contact',
            costs.length === 0
              ? 'none set (costModel.costToServe): contacts count as 0'
              : costs
                  .map(([channel, cost]) => `${channel} ${unitMoney(cost, currency)}`)
                  .join(', '),
          ],
          [
            'Annual value of a customer',
            segmentValues.size === 0
              ? 'none set (segments: annualValue): revenue at risk counts as 0'
              : [...segmentValues]
                  .map(([segment, value]) => `${labels.segment(segment)} ${money(value, currency)}`)
                  .join(', '),
          ],
        ],
      },
      ...(a.opportunities.length === 0
        ? [
            {
              kind: 'paragraph' as const,
              text: 'No friction and no deviation found: nothing to price.',
            },
          ]
        : [
            { kind: 'chart' as const, chart },
            boundedTable(
              [
                { label: '#', numeric: true },
                { label: 'opportunity' },
                { label: 'owning team' },
                { label: 'customers', numeric: true },
                { label: 'per month', numeric: true },
                { label: 'cost to serve a year', numeric: true },
                { label: 'revenue at risk a year', numeric: true },
                { label: 'total a year', numeric: true },
                { label: 'assumptions', note: true },
              ],
              a.opportunities.map((o, i) => [
                String(i + 1),
                describeOpportunity(o, labels),
                owningTeams(o, labels),
                opportunityCustomers(o),
                perMonth(o.occurrencesPerMonth),
                money(o.costToServePerYear, currency),
                money(o.revenueAtRiskPerYear, currency),
                money(o.totalPerYear, currency),
                assumptions(o, ctx),
              ]),
              OPPORTUNITY_ROWS,
              'opportunities',
            ),
          ]),
    ],
  };
}
