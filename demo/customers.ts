/**
 * The demo's customers: attributes drawn so that each customer lands in an intended segment
 * under the workspace's segment rules (checked with `segmentOf`, so the rules and the data
 * cannot drift), plus the hidden behaviour the simulator needs (active window, preferences).
 */
import { DAY, PERIOD_END, PERIOD_START, isoDate } from './calendar.js';
import {
  AT_RISK_CHURN_SCORE,
  NEW_TENURE_MONTHS,
  VIP_LIFETIME_VALUE,
  segmentOf,
  type TSegmentId,
} from './company.js';
import { weighted, type Rng } from './prng.js';

export type TCustomer = {
  id: string;
  segment: TSegmentId;
  /** Columns of customers.csv, in CUSTOMER_COLUMNS order. */
  attributes: Record<(typeof CUSTOMER_COLUMNS)[number], string | number>;
  /** First and last instant the customer can act in the period (churners stop early). */
  activeFrom: number;
  activeTo: number;
  preferredChannel: 'web' | 'app' | 'store';
  optIn: boolean;
  /** True until the customer's first online order: it starts with creating an account. */
  needsAccount: boolean;
};

export const CUSTOMER_COLUMNS = [
  'customer_id',
  'customer_type',
  'country',
  'region',
  'home_store',
  'age_band',
  'signup_date',
  'tenure_months',
  'acquisition_channel',
  'loyalty_tier',
  'lifetime_value',
  'churn_score',
  'marketing_opt_in',
  'preferred_channel',
] as const;

export const SEGMENT_SHARE = weighted<TSegmentId>([
  ['business', 3],
  ['vip', 5],
  ['at-risk', 10],
  ['new', 20],
  ['loyal', 22],
  ['regular', 40],
]);

const REGIONS = weighted([
  [['NL', 'Randstad'], 30],
  [['NL', 'North'], 8],
  [['NL', 'East'], 9],
  [['NL', 'South'], 10],
  [['BE', 'Flanders'], 16],
  [['BE', 'Brussels'], 4],
  [['BE', 'Wallonia'], 6],
  [['DE', 'North Rhine-Westphalia'], 12],
  [['DE', 'Lower Saxony'], 5],
] as const);
const AGE_BANDS = weighted([
  ['18-24', 8],
  ['25-34', 22],
  ['35-44', 24],
  ['45-54', 20],
  ['55-64', 15],
  ['65+', 11],
]);
const ACQUISITION = weighted([
  ['search', 30],
  ['social', 22],
  ['store', 25],
  ['referral', 9],
  ['newsletter', 6],
  ['marketplace', 8],
]);
const PREFERRED = {
  young: weighted<'web' | 'app' | 'store'>([
    ['web', 40],
    ['app', 42],
    ['store', 18],
  ]),
  older: weighted<'web' | 'app' | 'store'>([
    ['web', 45],
    ['app', 15],
    ['store', 40],
  ]),
};

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Months from signup to the end of the period, as the CRM would compute it. */
function tenureMonths(signup: number): number {
  const a = new Date(signup);
  const b = new Date(PERIOD_END - DAY);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
  return b.getUTCDate() < a.getUTCDate() ? months - 1 : months;
}

/** Customer number i (0-based) with its own random stream. */
export function makeCustomer(rng: Rng, index: number): TCustomer {
  const id = `C${String(index + 1).padStart(6, '0')}`;
  const segment = rng.pickWeighted(SEGMENT_SHARE);
  const business = segment === 'business';
  const [country, region] = rng.pickWeighted(REGIONS);
  const ageBand = business ? '' : rng.pickWeighted(AGE_BANDS);

  // Signup: new customers joined in the period; everyone else at least 12 months before its end.
  const isNew = segment === 'new';
  const signup = isNew
    ? PERIOD_START + rng.int(0, 340) * DAY
    : PERIOD_START - rng.int(1, 12 * 365) * DAY;
  const tenure = tenureMonths(signup);

  const tierRoll = rng.next();
  let tier: string;
  if (segment === 'loyal') tier = tierRoll < 0.7 ? 'silver' : 'gold';
  else if (segment === 'vip')
    tier = tierRoll < 0.55 ? 'gold' : tierRoll < 0.85 ? 'silver' : 'member';
  else if (segment === 'at-risk')
    tier = tierRoll < 0.15 ? 'silver' : tierRoll < 0.6 ? 'member' : 'none';
  else if (business) tier = 'none';
  else tier = tierRoll < (isNew ? 0.45 : 0.55) ? 'member' : 'none';

  let value: number;
  if (segment === 'vip') value = VIP_LIFETIME_VALUE + rng.logNormal(1800, 0.8);
  else if (business) value = rng.logNormal(9000, 0.9);
  else {
    const median = { 'at-risk': 520, new: 160, loyal: 1150, regular: 480 }[segment];
    value = Math.min(VIP_LIFETIME_VALUE - 0.01, rng.logNormal(median, 0.7));
  }

  let churn: number;
  if (segment === 'at-risk') churn = rng.uniform(AT_RISK_CHURN_SCORE, 0.98);
  else if (segment === 'vip' || business)
    churn = rng.chance(0.06) ? rng.uniform(0.7, 0.9) : rng.uniform(0.02, 0.5);
  else churn = Math.min(AT_RISK_CHURN_SCORE - 0.01, rng.uniform(0.01, 0.35) + rng.uniform(0, 0.33));

  const young = ageBand === '18-24' || ageBand === '25-34';
  const preferredChannel = business
    ? 'web'
    : rng.pickWeighted(young ? PREFERRED.young : PREFERRED.older);
  const optIn = rng.chance(business ? 0.4 : 0.62);
  const storeNumber = rng.int(1, region === 'Randstad' ? 9 : 4);

  const attributes: TCustomer['attributes'] = {
    customer_id: id,
    customer_type: business ? 'business' : 'consumer',
    country,
    region,
    home_store: `${country}-${region.slice(0, 3).toUpperCase()}-${String(storeNumber).padStart(2, '0')}`,
    age_band: ageBand,
    signup_date: isoDate(signup),
    tenure_months: tenure,
    acquisition_channel: business ? 'account-manager' : rng.pickWeighted(ACQUISITION),
    loyalty_tier: tier,
    lifetime_value: round2(value),
    churn_score: round2(churn),
    marketing_opt_in: optIn ? 'yes' : 'no',
    preferred_channel: preferredChannel,
  };
  const ruled = segmentOf(attributes);
  if (ruled !== segment) throw new Error(`${id}: drawn as ${segment} but the rules say ${ruled}`);

  const activeFrom = Math.max(PERIOD_START, signup);
  // Six in ten at-risk customers stop buying somewhere in the year.
  const churnsAt =
    segment === 'at-risk' && rng.chance(0.6)
      ? activeFrom + rng.next() * (PERIOD_END - activeFrom)
      : PERIOD_END;
  return {
    id,
    segment,
    attributes,
    activeFrom,
    activeTo: Math.max(activeFrom + 14 * DAY, churnsAt),
    preferredChannel,
    optIn,
    needsAccount: isNew && tenure < NEW_TENURE_MONTHS,
  };
}
