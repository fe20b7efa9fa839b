/**
 * The frictions a customer feels, from what the generator seeded for them: the survey model
 * (feedback.ts) lowers scores for these and comments on the worst. Frictions the customer does
 * not notice as such (a loop in the checkout is felt as the payment failure that caused it; a
 * late refund as the chaser contact it causes) bring no exposure of their own.
 */
import type { CustomerSim, TSimEvent } from './simulation.js';
import type { TSeed } from './seeds.js';

export const EXPOSURE_KINDS = [
  'lateDelivery',
  'failedDelivery',
  'damaged',
  'paymentFailure',
  'repeatContact',
  'pingPong',
  'longWait',
  'abandonedContact',
  'channelSwitch',
  'notReady',
  'assemblyNoShow',
  'loginFailure',
] as const;
export type TExposureKind = (typeof EXPOSURE_KINDS)[number];
export type TExposure = { kind: TExposureKind; event: TSimEvent };

const FAILURE: Record<string, TExposureKind> = {
  payment: 'paymentFailure',
  'store-checkout': 'paymentFailure',
  'collect-in-store': 'notReady',
  assembly: 'assemblyNoShow',
  login: 'loginFailure',
};

function exposure({ type, event: e }: TSeed): TExposureKind | null {
  const id = e.tp.id;
  switch (type) {
    case 'wait':
      return id === 'delivery' ? 'lateDelivery' : id === 'refund' ? null : 'longWait';
    case 'repeat_contact':
      return 'repeatContact';
    case 'channel_switch':
      return 'channelSwitch';
    case 'abandonment':
      return id === 'phone-agent' || id === 'live-chat' ? 'abandonedContact' : null;
    case 'failure':
      if (id === 'delivery') return e.activity === 'carrier:damaged' ? 'damaged' : 'failedDelivery';
      return FAILURE[id] ?? null;
    default:
      return null;
  }
}

/** The customer's exposures in time order (after `sim.finish()`). */
export function exposuresOf(sim: CustomerSim): TExposure[] {
  const out: TExposure[] = [];
  for (const seed of sim.seeds) {
    const kind = exposure(seed);
    if (kind !== null) out.push({ kind, event: seed.event });
  }
  // A ping-pong is felt over the whole case: it lands on the case's last step in the extract.
  const pingPong = new Set(sim.pingPongs.map((e) => e.caseId));
  const lastOfCase = new Map<string, TSimEvent>();
  for (const e of sim.events) if (pingPong.has(e.caseId)) lastOfCase.set(e.caseId, e);
  for (const e of lastOfCase.values()) out.push({ kind: 'pingPong', event: e });
  return out.sort((a, b) => a.event.t - b.event.t);
}
