/**
 * The assumptions behind the opportunities' figures, edited in the browser: what the server
 * priced with (the baseline), the person's edits as typed, and the opportunities priced again
 * with the same pure code the server uses (src/analysis/pricing.ts). Nothing here is saved:
 * the workspace (`costModel`, each segment's `annualValue`) is where assumptions are kept.
 */
import {
  rankOpportunities,
  type TGapCounts,
  type TPricedGap,
  type TSegmentValue,
} from '../../../analysis/pricing.js';
import type { TCostModel } from '../../../model/workspace-schema.js';

/** Every assumption one figure can rest on; `undefined`: the workspace gives none (counted as 0). */
export type TAssumptions = {
  costToServe: Record<string, number | undefined>;
  churnRisk: number;
  detractorChurnRisk: number;
  segmentValues: Record<string, number | undefined>;
};

/** The field of the assumptions form each edit is typed in. */
export type TFieldKey = `cost:${string}` | `segment:${string}` | 'churnRisk' | 'detractorChurnRisk';

/** The assumptions the server priced with: its cost model and the segment values it used. */
export function baselineAssumptions(
  costModel: TCostModel,
  opportunities: readonly TPricedGap[],
): TAssumptions {
  const costToServe: Record<string, number | undefined> = { ...costModel.costToServe };
  const segmentValues: Record<string, number | undefined> = {};
  for (const o of opportunities) {
    if (o.costsContact && o.channel !== null && !(o.channel in costToServe)) {
      costToServe[o.channel] = undefined;
    }
    for (const segment of Object.keys(o.customersBySegment)) {
      const value = o.assumptions.segmentValues[segment];
      if (value !== undefined || !(segment in segmentValues)) segmentValues[segment] = value;
    }
  }
  return {
    costToServe,
    churnRisk: costModel.churnRisk,
    detractorChurnRisk: costModel.detractorChurnRisk,
    segmentValues,
  };
}

/** The text a field starts with: amounts as they are, shares as percentages. */
export function fieldText(a: TAssumptions, key: TFieldKey): string {
  const value = fieldValue(a, key);
  if (value === undefined) return '';
  const shown = isShare(key) ? value * 100 : value;
  // 0.07 × 100 is 7.000000000000001 in binary floating point; people typed 7.
  return String(Number(shown.toPrecision(12)));
}

export function fieldValue(a: TAssumptions, key: TFieldKey): number | undefined {
  if (key === 'churnRisk' || key === 'detractorChurnRisk') return a[key];
  if (key.startsWith('cost:')) return a.costToServe[key.slice(5)];
  return a.segmentValues[key.slice(8)];
}

const isShare = (key: TFieldKey): boolean => key === 'churnRisk' || key === 'detractorChurnRisk';

/**
 * Reads what was typed in a field: an amount of money (≥ 0; empty means "none", as a
 * workspace without the value), or a percentage 0–100 (required) for the churn risks.
 */
export function parseField(
  key: TFieldKey,
  text: string,
): { value: number | undefined } | { error: string } {
  const t = text.trim().replace(/,/g, '');
  if (t === '') {
    return isShare(key) ? { error: 'give a percentage between 0 and 100' } : { value: undefined };
  }
  const x = Number(t.replace(/%$/, ''));
  if (!Number.isFinite(x)) return { error: `"${text}" is not a number` };
  if (x < 0) return { error: 'cannot be negative' };
  if (isShare(key)) {
    if (x > 100) return { error: 'a percentage is at most 100' };
    return { value: x / 100 };
  }
  return { value: x };
}

/** The edits applied to the baseline; a field that does not read is reported and left as it was. */
export function applyEdits(
  base: TAssumptions,
  texts: Readonly<Partial<Record<TFieldKey, string>>>,
): { assumptions: TAssumptions; errors: Partial<Record<TFieldKey, string>> } {
  const a: TAssumptions = {
    ...base,
    costToServe: { ...base.costToServe },
    segmentValues: { ...base.segmentValues },
  };
  const errors: Partial<Record<TFieldKey, string>> = {};
  for (const [key, text] of Object.entries(texts) as [TFieldKey, string | undefined][]) {
    if (text === undefined) continue;
    const parsed = parseField(key, text);
    if ('error' in parsed) {
      errors[key] = parsed.error;
      continue;
    }
    if (key === 'churnRisk' || key === 'detractorChurnRisk') a[key] = parsed.value ?? base[key];
    else if (key.startsWith('cost:')) a.costToServe[key.slice(5)] = parsed.value;
    else a.segmentValues[key.slice(8)] = parsed.value;
  }
  return { assumptions: a, errors };
}

/** The fields whose value differs from the baseline, in the form's order. */
export function changedFields(base: TAssumptions, edited: TAssumptions): TFieldKey[] {
  return fieldKeys(base).filter((k) => fieldValue(base, k) !== fieldValue(edited, k));
}

/** The form's fields: churn risks, then cost per channel, then value per segment (by id). */
export function fieldKeys(a: TAssumptions): TFieldKey[] {
  return [
    'churnRisk',
    'detractorChurnRisk',
    ...Object.keys(a.costToServe).map((c): TFieldKey => `cost:${c}`),
    ...Object.keys(a.segmentValues)
      .sort()
      .map((s): TFieldKey => `segment:${s}`),
  ];
}

/** The assumptions as the pricing code takes them: a cost model and segment values. */
export function pricingInputs(a: TAssumptions): { cost: TCostModel; segments: TSegmentValue[] } {
  const costToServe: Record<string, number> = {};
  for (const [channel, value] of Object.entries(a.costToServe)) {
    if (value !== undefined) costToServe[channel] = value;
  }
  return {
    cost: { costToServe, churnRisk: a.churnRisk, detractorChurnRisk: a.detractorChurnRisk },
    // The ids are the server's, read from the workspace's segments.
    segments: Object.entries(a.segmentValues).map(([text, annualValue]) => {
      const id = text as TSegmentValue['id'];
      return annualValue === undefined ? { id } : { id, annualValue };
    }),
  };
}

/** The measured counts of a priced opportunity, without what pricing added. */
export function countsOf(o: TPricedGap): TGapCounts {
  const {
    costToServePerYear: _cost,
    revenueAtRiskPerYear: _revenue,
    totalPerYear: _total,
    assumptions: _assumptions,
    ...counts
  } = o;
  return counts;
}

/** One opportunity's identity across pricings: what it is and where. */
export function opportunityKey(o: TGapCounts): string {
  return [o.source, o.type, o.journey ?? '', o.touchpoint ?? ''].join('|');
}

export type TRankedOpportunity = {
  key: string;
  /** 1 = the largest business case with these assumptions. */
  rank: number;
  /** Its rank as the server priced it. */
  serverRank: number;
  priced: TPricedGap;
  server: TPricedGap;
};

/** The opportunities priced and ranked again with these assumptions. */
export function reprice(server: readonly TPricedGap[], a: TAssumptions): TRankedOpportunity[] {
  const { cost, segments } = pricingInputs(a);
  const byKey = new Map(server.map((o, i) => [opportunityKey(o), { o, rank: i + 1 }]));
  return rankOpportunities(server.map(countsOf), cost, segments).map((priced, i) => {
    const key = opportunityKey(priced);
    const was = byKey.get(key);
    if (was === undefined)
      throw new Error(`repriced an opportunity the server did not send: ${key}`);
    return { key, rank: i + 1, serverRank: was.rank, priced, server: was.o };
  });
}
