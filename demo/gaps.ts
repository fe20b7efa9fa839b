/**
 * Feedback gaps as generated: mean score (and NPS) of responses from customers who met a
 * friction versus those who did not, with n, standard deviations and a Welch 95% interval, so
 * an analyser's gap can be checked against what was put in.
 */
import { EXPOSURE_KINDS, type TExposureKind } from './exposures.js';
import { NPS_LOOKBACK_DAYS, NPS_PENALTY, type TFeedback } from './feedback.js';

type TGroup = { n: number; sum: number; squares: number; promoters: number; detractors: number };

/** One group of responses: count, mean, standard deviation (and NPS for NPS answers). */
export type TGapGroup = { n: number; mean: number; sd: number; nps?: number };
/** Exposed versus not exposed, with the difference of means and its Welch 95% interval. */
export type TGapTruth = {
  exposed: TGapGroup;
  notExposed: TGapGroup;
  gapMean: number;
  gapMeanCi95: [number, number];
  gapNps?: number;
};
export type TFeedbackGapsTruth = {
  definition: string;
  npsPenaltyAsSeeded: Record<TExposureKind, number>;
  customersExposed: Record<string, number>;
  nps: TGapGroup;
  npsAfterExposure: Record<string, TGapTruth>;
  npsByCustomer: Record<string, TGapTruth>;
  csatSupport: Record<string, TGapTruth>;
  csatDelivery: Record<string, TGapTruth>;
  csatCollect: Record<string, TGapTruth>;
  ces: { selfServiceResolved: TGapTruth };
};

const SUPPORT_KINDS: readonly TExposureKind[] = [
  'repeatContact',
  'pingPong',
  'longWait',
  'channelSwitch',
  'abandonedContact',
];
const DELIVERY_KINDS: readonly TExposureKind[] = ['lateDelivery', 'failedDelivery', 'damaged'];

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

export class GapTally {
  private readonly groups = new Map<string, TGroup>();

  private put(key: string, score: number): void {
    let g = this.groups.get(key);
    if (g === undefined)
      this.groups.set(key, (g = { n: 0, sum: 0, squares: 0, promoters: 0, detractors: 0 }));
    g.n++;
    g.sum += score;
    g.squares += score * score;
    if (score >= 9) g.promoters++;
    if (score <= 6) g.detractors++;
  }

  /** One response; `ever` = the kinds the customer met at any time in the period. */
  add(row: TFeedback, ever: ReadonlySet<TExposureKind>): void {
    if (row.kind === 'nps') {
      this.put('nps', row.score);
      for (const k of EXPOSURE_KINDS) {
        this.put(`npsBefore|${k}|${row.factors.includes(k)}`, row.score);
        this.put(`npsCustomer|${k}|${ever.has(k)}`, row.score);
      }
    } else if (row.kind === 'ces') {
      this.put(`ces|selfServiceResolved|${row.selfServiceResolved}`, row.score);
    } else if (row.stage === 'Support') {
      for (const k of SUPPORT_KINDS)
        this.put(`csatSupport|${k}|${row.factors.includes(k)}`, row.score);
    } else if (row.touchpoint === 'delivery') {
      for (const k of DELIVERY_KINDS)
        this.put(`csatDelivery|${k}|${row.factors.includes(k)}`, row.score);
    } else {
      this.put(`csatCollect|notReady|${row.factors.includes('notReady')}`, row.score);
    }
  }

  private stats(key: string, nps: boolean): TGapGroup {
    const g = this.groups.get(key) ?? { n: 0, sum: 0, squares: 0, promoters: 0, detractors: 0 };
    const mean = g.n === 0 ? 0 : g.sum / g.n;
    const variance = g.n < 2 ? 0 : (g.squares - g.n * mean * mean) / (g.n - 1);
    const out: TGapGroup = {
      n: g.n,
      mean: round(mean, 3),
      sd: round(Math.sqrt(Math.max(0, variance)), 3),
    };
    if (nps) out.nps = g.n === 0 ? 0 : round(((g.promoters - g.detractors) / g.n) * 100, 1);
    return out;
  }

  private gap(
    prefix: string,
    kind: string,
    nps: boolean,
    flags: [string, string] = ['true', 'false'],
  ): TGapTruth {
    const exposed = this.stats(`${prefix}|${kind}|${flags[0]}`, nps);
    const other = this.stats(`${prefix}|${kind}|${flags[1]}`, nps);
    const diff = exposed.mean - other.mean;
    const se = Math.sqrt(
      exposed.sd ** 2 / Math.max(1, exposed.n) + other.sd ** 2 / Math.max(1, other.n),
    );
    return {
      exposed,
      notExposed: other,
      gapMean: round(diff, 3),
      gapMeanCi95: [round(diff - 1.96 * se, 3), round(diff + 1.96 * se, 3)],
      ...(nps ? { gapNps: round((exposed.nps ?? 0) - (other.nps ?? 0), 1) } : {}),
    };
  }

  toJSON(exposedCustomers: Record<string, number>): TFeedbackGapsTruth {
    const byKind = (
      prefix: string,
      kinds: readonly string[],
      nps: boolean,
    ): Record<string, TGapTruth> =>
      Object.fromEntries(kinds.map((k) => [k, this.gap(prefix, k, nps)]));
    return {
      definition: `NPS: promoters 9–10, detractors 0–6, nps = %promoters − %detractors. npsAfterExposure: exposed = the customer met the friction before answering (within ${NPS_LOOKBACK_DAYS} days; this is what lowered the score); npsByCustomer: exposed = the customer met it at any time in the period (what a customer-level comparison finds, diluted by answers given before the friction). Friction kinds come from the seeded frictions: lateDelivery = delivery wait above its service level, failedDelivery = failed attempt (carrier:not_home), damaged = carrier:damaged, longWait = other waits above their service level (a late refund excepted: it is felt through the chaser contact), abandonedContact = abandoned call or chat. CSAT gaps compare exposures inside the surveyed case; CES compares self-service that solved the need with self-service followed by a contact (7 = very easy).`,
      npsPenaltyAsSeeded: NPS_PENALTY,
      customersExposed: exposedCustomers,
      nps: this.stats('nps', true),
      npsAfterExposure: byKind('npsBefore', EXPOSURE_KINDS, true),
      npsByCustomer: byKind('npsCustomer', EXPOSURE_KINDS, true),
      csatSupport: byKind('csatSupport', SUPPORT_KINDS, false),
      csatDelivery: byKind('csatDelivery', DELIVERY_KINDS, false),
      csatCollect: byKind('csatCollect', ['notReady'], false),
      ces: { selfServiceResolved: this.gap('ces', 'selfServiceResolved', false) },
    };
  }
}
