/**
 * Surveys: CSAT (1–5) after support episodes and deliveries, CES (1–7, 7 = very easy) after
 * self-service, NPS (0–10) in quarterly relationship waves. Scores respond to the frictions the
 * customer met (as seeded, see exposures.ts, so an analyser can find the same gaps), and the
 * comment talks about the worst of them.
 */
import {
  DAY,
  HOUR,
  MINUTE,
  PERIOD_END,
  PERIOD_START,
  SECOND,
  dayStart,
  laterDay,
} from './calendar.js';
import { serviceLevelSeconds } from './company.js';
import type { TExposure, TExposureKind } from './exposures.js';
import type { Rng } from './prng.js';
import type { CustomerSim } from './simulation.js';
import { verbatim, type TSlots, type TTopic } from './verbatims.js';

export type TFeedbackKind = 'csat' | 'nps' | 'ces';
export type TFeedback = {
  t: number;
  kind: TFeedbackKind;
  score: number;
  verbatim: string;
  touchpoint: string;
  stage: string;
  caseId: string;
  /** Exposures that lowered this score (NPS: any time before; CSAT: in the case). */
  factors: TExposureKind[];
  /** CES only: the need was solved without an assisted contact. */
  selfServiceResolved: boolean;
};

/** NPS points (0–10 scale) lost per kind met (once each) in the lookback before answering. */
export const NPS_PENALTY: Record<TExposureKind, number> = {
  lateDelivery: 1.0,
  failedDelivery: 0.6,
  damaged: 1.2,
  paymentFailure: 0.4,
  repeatContact: 0.7,
  pingPong: 0.6,
  longWait: 0.4,
  abandonedContact: 0.4,
  channelSwitch: 0.3,
  notReady: 0.6,
  assemblyNoShow: 0.8,
  loginFailure: 0.2,
};
const CSAT_PENALTY: Record<TExposureKind, number> = {
  lateDelivery: 1.3,
  failedDelivery: 1.0,
  damaged: 2.0,
  paymentFailure: 0.3,
  repeatContact: 0.8,
  pingPong: 0.9,
  longWait: 0.6,
  abandonedContact: 0.4,
  channelSwitch: 0.4,
  notReady: 1.5,
  assemblyNoShow: 1.0,
  loginFailure: 0.2,
};
const NPS_BASE: Record<string, number> = {
  vip: 8.9,
  loyal: 8.6,
  regular: 7.9,
  new: 8.1,
  'at-risk': 6.7,
  business: 7.8,
};
export const NPS_LOOKBACK_DAYS = 365;
/** Relationship NPS waves: invitations go out on these days. */
const NPS_WAVES = [
  Date.UTC(2025, 2, 17),
  Date.UTC(2025, 5, 16),
  Date.UTC(2025, 8, 15),
  Date.UTC(2025, 11, 15),
];

const CITIES: Record<string, readonly string[]> = {
  Randstad: [
    'Amsterdam',
    'Rotterdam',
    'Utrecht',
    'The Hague',
    'Haarlem',
    'Leiden',
    'Delft',
    'Amersfoort',
    'Zoetermeer',
  ],
  North: ['Groningen', 'Leeuwarden', 'Assen', 'Zwolle'],
  East: ['Enschede', 'Arnhem', 'Nijmegen', 'Apeldoorn'],
  South: ['Eindhoven', 'Tilburg', 'Breda', 'Maastricht'],
  Flanders: ['Antwerp', 'Ghent', 'Leuven', 'Bruges'],
  Brussels: ['Brussels', 'Brussels-Zaventem', 'Uccle', 'Anderlecht'],
  Wallonia: ['Liège', 'Namur', 'Charleroi', 'Mons'],
  'North Rhine-Westphalia': ['Cologne', 'Düsseldorf', 'Dortmund', 'Essen'],
  'Lower Saxony': ['Hanover', 'Osnabrück', 'Oldenburg', 'Brunswick'],
};

/** When a survey answer comes in: some hours after the moment, not in the middle of the night. */
function answeredAfter(rng: Rng, t: number, minHours: number, maxHours: number): number {
  const at = t + rng.int(minHours * 60, maxHours * 60) * MINUTE;
  const hour = (at - dayStart(at)) / HOUR;
  return hour >= 7 ? at : at + (7 - hour) * HOUR + rng.int(0, 180) * MINUTE;
}

const clamp = (x: number, lo: number, hi: number): number =>
  Math.min(hi, Math.max(lo, Math.round(x)));

/** Comment (or none) for a score: the worst factor when unhappy, praise when happy. */
function comment(
  rng: Rng,
  sim: CustomerSim,
  tone: 'negative' | 'positive' | 'neutral',
  exposures: TExposure[],
  praise: TTopic,
): string {
  if (!rng.chance(tone === 'negative' ? 0.75 : tone === 'positive' ? 0.45 : 0.35)) return '';
  const worst = [...exposures].sort((a, b) => NPS_PENALTY[b.kind] - NPS_PENALTY[a.kind])[0];
  const region = String(sim.customer.attributes.region);
  const cities = CITIES[region] ?? ['town'];
  const store =
    cities[Number(String(sim.customer.attributes.home_store).slice(-2)) % cities.length] ?? 'town';
  const e = worst?.event;
  const slots: TSlots = {
    days:
      e === undefined
        ? 2
        : Math.max(1, Math.round((e.wait - serviceLevelSeconds('delivery')) / 86_400)),
    minutes: e === undefined ? 10 : Math.max(5, Math.round(e.wait / 60)),
    contacts:
      e === undefined
        ? 2
        : Math.max(
            2,
            sim.events.filter(
              (x) => x.caseId === e.caseId && x.reason === e.reason && x.reason !== '',
            ).length,
          ),
    store,
  };
  if (tone === 'negative') return verbatim(rng, worst?.kind ?? 'complaint', tone, slots);
  if (tone === 'neutral')
    return verbatim(
      rng,
      worst !== undefined && rng.chance(0.5) ? worst.kind : 'neutral',
      tone,
      slots,
    );
  return verbatim(rng, praise, tone, slots);
}

function tone(kind: TFeedbackKind, score: number): 'negative' | 'positive' | 'neutral' {
  const [low, high] = kind === 'nps' ? [6, 9] : kind === 'csat' ? [2, 4] : [3, 6];
  return score <= low ? 'negative' : score >= high ? 'positive' : 'neutral';
}

/** All survey responses of one customer, in time order, inside the period. */
export function generateFeedback(rng: Rng, sim: CustomerSim, exposures: TExposure[]): TFeedback[] {
  const rows: TFeedback[] = [];
  const byCase = sim.byCase();
  const premium = sim.customer.segment === 'vip' ? 0.1 : 0;

  for (const [caseId, events] of byCase) {
    const first = events[0];
    const last = events[events.length - 1];
    if (first === undefined || last === undefined) continue;
    const inCase = exposures.filter((x) => x.event.caseId === caseId);
    const kinds = [...new Set(inCase.map((x) => x.kind))];
    const penalty = kinds.reduce((sum, k) => sum + CSAT_PENALTY[k], 0);

    if (first.tp.stage === 'Support') {
      const contacted = events.some((e) => e.reason !== '');
      const selfService = events.filter((e) => e.tp.id === 'help-centre' || e.tp.id === 'chatbot');
      const lastSelf = selfService[selfService.length - 1];
      if (lastSelf !== undefined && rng.chance(0.25)) {
        const score = clamp(rng.normal(contacted ? 3.3 : 5.7, 1.0), 1, 7);
        const text = comment(rng, sim, tone('ces', score), inCase, 'praiseSelfService');
        rows.push({
          t: answeredAfter(rng, lastSelf.t, 0.2, 1),
          kind: 'ces',
          score,
          verbatim: text,
          touchpoint: lastSelf.tp.id,
          stage: 'Support',
          caseId,
          factors: kinds,
          selfServiceResolved: !contacted,
        });
      }
      if (contacted && rng.chance(0.28)) {
        const score = clamp(rng.normal(4.35 + premium - penalty, 0.7), 1, 5);
        const text = comment(rng, sim, tone('csat', score), inCase, 'praiseService');
        rows.push({
          t: answeredAfter(rng, last.t, 1, 24),
          kind: 'csat',
          score,
          verbatim: text,
          touchpoint: last.tp.id,
          stage: 'Support',
          caseId,
          factors: kinds,
          selfServiceResolved: false,
        });
      }
      continue;
    }
    const handover = [...events]
      .reverse()
      .find((e) => e.tp.id === 'delivery' || e.tp.id === 'collect-in-store');
    if (handover !== undefined && rng.chance(handover.tp.id === 'delivery' ? 0.15 : 0.12)) {
      const score = clamp(rng.normal(4.5 + premium - penalty, 0.6), 1, 5);
      const text = comment(
        rng,
        sim,
        tone('csat', score),
        inCase,
        handover.tp.id === 'delivery' ? 'praiseDelivery' : 'praiseStore',
      );
      rows.push({
        t: answeredAfter(rng, handover.t, 2, 30),
        kind: 'csat',
        score,
        verbatim: text,
        touchpoint: handover.tp.id,
        stage: 'Fulfilment',
        caseId,
        factors: kinds,
        selfServiceResolved: false,
      });
    }
  }

  const praise: TTopic =
    sim.customer.preferredChannel === 'store'
      ? 'praiseStore'
      : sim.customer.preferredChannel === 'app'
        ? 'praiseApp'
        : 'praiseDelivery';
  for (const wave of NPS_WAVES) {
    const active = sim.events.some((e) => e.t < wave && e.t >= wave - 90 * DAY);
    if (!active || !rng.chance(0.3) || !rng.chance(0.35)) continue;
    const t = laterDay(rng, wave, rng.int(0, 10), 'online');
    const recent = exposures.filter(
      (x) => x.event.t < t && x.event.t >= t - NPS_LOOKBACK_DAYS * DAY,
    );
    const kinds = [...new Set(recent.map((x) => x.kind))];
    const mean =
      (NPS_BASE[sim.customer.segment] ?? 7.5) - kinds.reduce((sum, k) => sum + NPS_PENALTY[k], 0);
    const score = clamp(rng.normal(mean, 1.5), 0, 10);
    const text = comment(rng, sim, tone('nps', score), recent, praise);
    rows.push({
      t,
      kind: 'nps',
      score,
      verbatim: text,
      touchpoint: '',
      stage: '',
      caseId: '',
      factors: kinds,
      selfServiceResolved: false,
    });
  }

  return rows
    .map((r) => ({ ...r, t: Math.round(r.t / SECOND) * SECOND }))
    .filter((r) => r.t >= PERIOD_START && r.t < PERIOD_END)
    .sort((a, b) => a.t - b.t);
}
