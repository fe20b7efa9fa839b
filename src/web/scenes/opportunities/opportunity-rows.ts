/**
 * How an opportunity reads on the screen: its title in the workspace's names, its type in
 * words, and the filters by team and type. Pure, so the wording is tested without a browser.
 */
import type { TGapCounts } from '../../../analysis/pricing.js';
import { gapKindLabel } from '../../../model/gap-kinds.js';
import type { TAnalysis } from '../../analysis-types.js';
import type { TRankedOpportunity } from './assumptions.js';

type TNames = TAnalysis['names'];

/** "Loop at Password reset", or for a deviation "Skipped step at Help centre". */
export function opportunityTitle(o: TGapCounts, names: TNames): string {
  const where =
    o.touchpoint === null
      ? 'several touchpoints'
      : (names.touchpoints[o.touchpoint] ?? o.touchpoint);
  return `${gapKindLabel(o.type)} at ${where}`;
}

/** What the gap is measured against: a friction, or a deviation from a named ideal journey. */
export function opportunitySource(o: TGapCounts, names: TNames): string {
  if (o.source === 'friction') return 'friction';
  const journey =
    o.journey === undefined ? undefined : (names.idealJourneys[o.journey] ?? o.journey);
  return journey === undefined ? 'deviation' : `deviation from ${journey}`;
}

export const teamNames = (o: TGapCounts, names: TNames): string =>
  o.teams.map((t) => names.teams[t] ?? t).join(', ');

/** Customers affected, over all segments. */
export const customersAffected = (o: TGapCounts): number =>
  Object.values(o.customersBySegment).reduce((s, n) => s + n, 0);

export type TOpportunityFilter = { team?: string | undefined; type?: string | undefined };

export function filterOpportunities(
  rows: readonly TRankedOpportunity[],
  f: TOpportunityFilter,
): TRankedOpportunity[] {
  return rows.filter(
    (r) =>
      (f.team === undefined || r.priced.teams.includes(f.team)) &&
      (f.type === undefined || r.priced.type === f.type),
  );
}

type TChoice = { value: string; label: string };

/** The choices of the filters: every team and type present, in the order people read them. */
export function filterChoices(
  rows: readonly { teams: readonly string[]; type: string }[],
  names: TNames,
): { teams: TChoice[]; types: TChoice[] } {
  const teams = [...new Set(rows.flatMap((r) => r.teams))]
    .map((id) => ({ value: id, label: names.teams[id] ?? id }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-US'));
  const types = [...new Set(rows.map((r) => r.type))]
    .map((id) => ({ value: id, label: gapKindLabel(id) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-US'));
  return { teams, types };
}

/** A unit amount keeps its cents: €2.50 a contact, not €3 (ui/format's money rounds to whole units). */
export function unitMoney(x: number | undefined, currency: string): string {
  if (x === undefined || !Number.isFinite(x)) return '–';
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: Number.isInteger(x) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(x);
}
