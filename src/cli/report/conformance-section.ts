/**
 * Conformance: how closely the measured journeys follow the ideal ones — per ideal journey
 * (fitness, perfect share, month by month), all ideal journeys together per month, the
 * segments without an ideal journey, and the deviations that affect most journeys.
 */
import { deviationLabel } from '../../model/gap-kinds.js';
import type { TReportContext } from './context.js';
import { boundedTable, type TBlock, type TSection } from './document.js';
import { count, counted, month, percent } from './format.js';
import { monthlyCell } from './friction-section.js';
import { onAxis } from './series.js';

const JOURNEY_ROWS = 20;
const DEVIATION_ROWS = 20;
const TREND_MONTHS = 24;

/** Customers, "≤n" when summed over variants (an upper bound). */
const customers = (c: { customers: number; customersExact: boolean }): string =>
  `${c.customersExact ? '' : '≤'}${count(c.customers)}`;

export function conformanceSection(ctx: TReportContext): TSection {
  const { analysis: a, labels, months } = ctx;
  const c = a.conformance;
  const blocks: TBlock[] = [];
  const fit = a.conformance.overall;
  if (c.byJourney.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: 'The workspace has no ideal journeys, so there is nothing to measure conformance against: add idealJourneys to journeylens.yaml (see docs/workspace.md).',
    });
  } else {
    blocks.push(
      {
        kind: 'paragraph',
        text:
          'Each journey is aligned to the closest ideal journey of its segment. Fitness is 100% for a journey that follows it exactly ' +
          'and falls with every required step skipped and every step added (optional steps may be skipped, repeatable ones repeated, for free); ' +
          '"perfectly fitting" is the share of journeys with no deviation.',
      },
      {
        kind: 'facts',
        facts: [
          [
            'Journeys aligned',
            `${counted(fit.journeys, 'journey')} to ${counted(c.byJourney.length, 'ideal journey')}`,
          ],
          ['Mean fitness', percent(fit.meanFitness)],
          ['Perfectly fitting', percent(fit.perfectShare)],
        ],
      },
      { kind: 'heading', text: 'By ideal journey' },
      boundedTable(
        [
          { label: 'ideal journey' },
          { label: 'segment' },
          { label: 'journeys', numeric: true },
          { label: 'customers', numeric: true },
          { label: 'mean fitness', numeric: true },
          { label: 'perfectly fitting', numeric: true },
          { label: 'fitness by month' },
        ],
        [...c.byJourney]
          .sort((x, y) => y.journeys - x.journeys)
          .map((j) => {
            const trend = c.trend.find(
              (t) => t.journeyId === j.journeyId && t.segment === j.segment,
            );
            const own = trend?.months ?? [];
            return [
              labels.journey(j.journeyId),
              labels.segment(j.segment),
              count(j.journeys),
              customers(j),
              percent(j.meanFitness),
              percent(j.perfectShare),
              monthlyCell(
                own.map((m) => m.month),
                own.map((m) => m.meanFitness),
                percent,
              ),
            ];
          }),
        JOURNEY_ROWS,
        'ideal journeys',
      ),
    );
    const byMonth = new Map(a.conformance.overallTrend.map((m) => [m.month, m]));
    // On the analysis' month axis, a month without journeys shows as a gap.
    const overall =
      byMonth.size === 0
        ? []
        : months
            .map(
              (m) =>
                byMonth.get(m) ?? { month: m, journeys: 0, meanFitness: null, perfectShare: null },
            )
            .slice(-TREND_MONTHS);
    if (overall.length > 0) {
      blocks.push(
        { kind: 'heading', text: 'Month by month' },
        {
          kind: 'chart',
          chart: {
            type: 'lines',
            title: 'All ideal journeys, by month of journey start',
            x: overall.map((m) => month(m.month)),
            series: [
              { name: 'mean fitness', values: overall.map((m) => m.meanFitness) },
              { name: 'perfectly fitting', values: overall.map((m) => m.perfectShare) },
            ],
          },
        },
        boundedTable(
          [
            { label: 'month' },
            { label: 'journeys', numeric: true },
            { label: 'mean fitness', numeric: true },
            { label: 'perfectly fitting', numeric: true },
          ],
          overall.map((m) => [
            month(m.month),
            count(m.journeys),
            percent(m.meanFitness),
            percent(m.perfectShare),
          ]),
          TREND_MONTHS,
          'months',
        ),
      );
    }
    blocks.push({ kind: 'heading', text: 'Top deviations' });
    blocks.push(
      c.deviations.length === 0
        ? { kind: 'paragraph', text: 'Every aligned journey follows its ideal journey exactly.' }
        : boundedTable(
            [
              { label: 'deviation' },
              { label: 'touchpoint' },
              { label: 'ideal journey' },
              { label: 'share of its journeys', numeric: true },
              { label: 'journeys', numeric: true },
              { label: 'customers', numeric: true },
              { label: 'by month' },
            ],
            [...c.deviations]
              .sort((x, y) => y.journeys - x.journeys || y.share - x.share)
              .map((d) => [
                deviationLabel(d.kind),
                labels.touchpoint(d.touchpoint),
                labels.journey(d.journeyId),
                percent(d.share),
                count(d.journeys),
                customers(d),
                monthlyCell(
                  months,
                  onAxis(
                    months,
                    d.perMonth.map((m) => ({ month: m.month, value: m.journeys })),
                  ),
                ),
              ]),
            DEVIATION_ROWS,
            'deviations',
          ),
    );
  }
  if (c.noIdealJourney.length > 0) {
    blocks.push(
      { kind: 'heading', text: 'Segments without an ideal journey' },
      boundedTable(
        [
          { label: 'segment' },
          { label: 'journeys', numeric: true },
          { label: 'customers', numeric: true },
        ],
        c.noIdealJourney.map((s) => [labels.segment(s.segment), count(s.journeys), customers(s)]),
        c.noIdealJourney.length,
        'segments',
      ),
    );
  }
  return { id: 'conformance', title: 'Conformance to the ideal journeys', blocks };
}
