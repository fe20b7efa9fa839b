/**
 * Activities that map to no touchpoint: never dropped silently, since every one of them is a
 * part of the journey the analysis cannot see until the workspace names it.
 */
import type { TReportContext } from './context.js';
import { boundedTable, type TSection } from './document.js';
import { count, counted, percent } from './format.js';

const UNMAPPED_ROWS = 15;

/** The section, or undefined when every activity maps to a touchpoint. */
export function unmappedSection({ analysis: a }: TReportContext): TSection | undefined {
  const j = a.journeys;
  if (j.unmapped.length === 0) return undefined;
  const events = j.events - j.mappedEvents;
  return {
    id: 'unmapped',
    title: 'Unmapped activities',
    blocks: [
      {
        kind: 'paragraph',
        text:
          `${counted(events, 'event')} (${percent(j.events === 0 ? 0 : events / j.events)}) of ${counted(j.unmapped.length, 'activity', 'activities')} ${j.unmapped.length === 1 ? 'maps' : 'map'} to no touchpoint and are left out of every figure above. ` +
          "Add them to a touchpoint's activities in journeylens.yaml to include them.",
      },
      boundedTable(
        [
          { label: 'activity' },
          { label: 'events', numeric: true },
          { label: 'customers', numeric: true },
        ],
        j.unmapped.map((u) => [u.activity, count(u.events), count(u.customers)]),
        UNMAPPED_ROWS,
        'activities',
      ),
    ],
  };
}
