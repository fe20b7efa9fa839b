/**
 * The first page a CX lead reads: the period and volume of the data, how much of it maps to
 * the journey model, where friction and conformance stand, what customers say (each survey
 * kind's headline and the largest satisfaction gap), and the largest opportunities with their
 * yearly figure and the team that owns each.
 */
import { frictionLabel } from '../../model/gap-kinds.js';
import type { TReportContext } from './context.js';
import { boundedTable, type TBlock, type TSection } from './document.js';
import { count, counted, day, money, percent, perMonth } from './format.js';
import { describeOpportunity, opportunityCustomers, owningTeams } from './opportunities-section.js';
import { headline, kindNames, kindOrder } from './satisfaction-format.js';
import { largestGap } from './voc-gaps.js';

/** Opportunities in the summary unless told otherwise. */
export const SUMMARY_OPPORTUNITIES = 5;

/** The voice of the customer in a line, and its largest loss in words. */
function vocFacts(ctx: TReportContext): [string, string][] {
  const f = ctx.analysis.feedback;
  if (f.responses === 0) return [['Voice of the customer', 'no survey responses imported']];
  const name = kindNames(f);
  const kinds = [...f.kinds]
    .sort((a, b) => kindOrder(a.kind, b.kind))
    .map((k) => headline(k, name(k.kind), f.minResponses, k.scale));
  const gap = largestGap(ctx);
  return [
    [
      'Voice of the customer',
      `${counted(f.responses, 'survey response')}${kinds.length === 0 ? '' : `: ${kinds.join('; ')}`}`,
    ],
    ...(gap === undefined ? [] : [['Largest satisfaction gap', gap] as [string, string]]),
  ];
}

export function summarySection(ctx: TReportContext, top = SUMMARY_OPPORTUNITIES): TSection {
  const { analysis: a, labels, currency } = ctx;
  const j = a.journeys;
  const unmapped = j.unmapped.length;
  const frictionTotal = a.friction.reduce((s, f) => s + f.occurrences, 0);
  const worst = a.friction[0];
  const fit = a.conformance.overall;
  const facts: [string, string][] = [
    [
      'Period',
      `${day(a.period.from)} to ${day(a.period.to)} (${perMonth(a.period.months)} months)`,
    ],
    [
      'Journeys',
      `${counted(j.journeys, 'journey')} of ${counted(j.customers, 'customer')}, from ${counted(j.events, 'event')}`,
    ],
    [
      'Mapped to touchpoints',
      `${percent(j.mappedShare)} of the events` +
        (unmapped === 0
          ? ''
          : ` (${count(unmapped)} ${unmapped === 1 ? 'activity maps' : 'activities map'} to no touchpoint: see Unmapped activities)`),
    ],
    [
      'Friction',
      worst === undefined
        ? 'none detected'
        : `${counted(frictionTotal, 'occurrence')}; most frequent: ${frictionLabel(worst.type)} at ${labels.touchpoint(worst.touchpoint)} (${count(worst.occurrences)})`,
    ],
    [
      'Conformance',
      fit.journeys === 0
        ? 'no journey aligned to an ideal journey'
        : `mean fitness ${percent(fit.meanFitness)} over ${counted(fit.journeys, 'journey')}; ${percent(fit.perfectShare)} follow an ideal journey exactly`,
    ],
    ...vocFacts(ctx),
  ];
  const blocks: TBlock[] = [{ kind: 'facts', facts }];
  if (a.opportunities.length > 0 && top > 0) {
    const shown = Math.min(top, a.opportunities.length);
    blocks.push(
      { kind: 'heading', text: `Top ${shown} opportunities` },
      boundedTable(
        [
          { label: '#', numeric: true },
          { label: 'opportunity' },
          { label: 'owning team' },
          { label: 'customers', numeric: true },
          { label: 'a year', numeric: true },
        ],
        a.opportunities.map((o, i) => [
          String(i + 1),
          describeOpportunity(o, labels),
          owningTeams(o, labels),
          opportunityCustomers(o),
          money(o.totalPerYear, currency),
        ]),
        shown,
        'opportunities',
        'in the Opportunities section of the full report.',
      ),
    );
  }
  return { id: 'summary', title: 'Summary', blocks };
}
