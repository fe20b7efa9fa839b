/**
 * One customer's simulation state: the events and journey instances (cases) generated so far,
 * the incidents that may send the customer to support, and the deviations from the ideal
 * journeys as they were injected. Lives for one customer only, so memory stays bounded.
 */
import { toSecond } from './calendar.js';
import type { TChannel } from './company.js';
import type { TCustomer } from './customers.js';
import type { Rng } from './prng.js';
import { touchpoint, type TTouchpoint } from './touchpoints.js';

export type TOutcome = 'ok' | 'failed' | 'abandoned';

export type TSimEvent = {
  t: number;
  tp: TTouchpoint;
  activity: string;
  channel: TChannel;
  outcome: TOutcome;
  duration: number;
  wait: number;
  cost: number;
  /** `primary/secondary` on assisted contacts, '' elsewhere. */
  reason: string;
  caseId: string;
};

export type TCaseKind = 'purchase' | 'support' | 'retention';

export type TCase = {
  id: string;
  kind: TCaseKind;
  /** The ideal journey this instance was generated from; null when none was designed for it. */
  journey: string | null;
  /** Purchase journeys: did it end in a purchase. */
  converted: boolean;
  /** Some of its events fell outside the period and are not in the extract. */
  truncated: boolean;
};

export type TIncidentKind =
  | 'late'
  | 'failedAttempt'
  | 'damaged'
  | 'paymentFailure'
  | 'loginFailure'
  | 'notReady'
  | 'assemblyNoShow'
  | 'invoice'
  | 'orderQuestion';

export type TIncident = { kind: TIncidentKind; t: number };

export type TEmit = {
  channel?: TChannel;
  outcome?: TOutcome;
  duration?: number;
  wait?: number;
  cost?: number;
  reason?: string;
};

const CASE_LETTER: Record<TCaseKind, string> = { purchase: 'P', support: 'S', retention: 'R' };

export class CustomerSim {
  readonly events: TSimEvent[] = [];
  readonly cases: TCase[] = [];
  readonly incidents: TIncident[] = [];
  private caseCount = 0;

  constructor(
    readonly rng: Rng,
    readonly customer: TCustomer,
  ) {}

  openCase(kind: TCaseKind, journey: string | null): TCase {
    this.caseCount++;
    const c: TCase = {
      id: `${this.customer.id}-${CASE_LETTER[kind]}${String(this.caseCount).padStart(3, '0')}`,
      kind,
      journey,
      converted: false,
      truncated: false,
    };
    this.cases.push(c);
    return c;
  }

  /** Records one event; time is rounded to the second, numbers to whole seconds and cents. */
  emit(c: TCase, touchpointId: string, activity: string, t: number, o: TEmit = {}): TSimEvent {
    const tp = touchpoint(touchpointId);
    const e: TSimEvent = {
      t: toSecond(t),
      tp,
      activity,
      channel: o.channel ?? tp.channel,
      outcome: o.outcome ?? 'ok',
      duration: Math.max(0, Math.round(o.duration ?? 0)),
      wait: Math.max(0, Math.round(o.wait ?? 0)),
      cost: Math.round((o.cost ?? 0) * 100) / 100,
      reason: o.reason ?? '',
      caseId: c.id,
    };
    this.events.push(e);
    return e;
  }

  private grouped: Map<string, TSimEvent[]> | undefined;

  /** The events of each case, in output order; call once the simulation is finished. */
  byCase(): ReadonlyMap<string, readonly TSimEvent[]> {
    if (this.grouped === undefined) {
      this.grouped = new Map();
      for (const e of this.events) {
        const list = this.grouped.get(e.caseId);
        if (list === undefined) this.grouped.set(e.caseId, [e]);
        else list.push(e);
      }
    }
    return this.grouped;
  }

  incident(kind: TIncidentKind, t: number): void {
    this.incidents.push({ kind, t });
  }
}
