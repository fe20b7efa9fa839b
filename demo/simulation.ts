/**
 * One customer's simulation state: the events and journey instances (cases) generated so far,
 * the incidents that may send the customer to support, and the frictions as the generator
 * seeds them (`seed`, `dropOff`, `pingPong`, `contact`), at the place where it decides them.
 * Lives for one customer only, so memory stays bounded.
 */
import type { TFrictionType } from '../src/model/gap-kinds.js';
import { PERIOD_END, PERIOD_START, toSecond } from './calendar.js';
import { serviceLevelSeconds, type TChannel } from './company.js';
import { ContactHistory } from './contact-history.js';
import type { TCustomer } from './customers.js';
import type { Rng } from './prng.js';
import type { TDropOff, TSeed } from './seeds.js';
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
  /** After `finish`: the seeded frictions whose step is in the extract, in generation order. */
  readonly seeds: TSeed[] = [];
  /** After `finish`: journeys ended in a funnel stage, judged at the end of the generation. */
  readonly dropOffs: TDropOff[] = [];
  /** After `finish`: per ping-pong case, the step that sent the customer back to a team. */
  readonly pingPongs: TSimEvent[] = [];
  private caseCount = 0;
  private readonly seededTypes = new Map<TSimEvent, Set<TFrictionType>>();
  private readonly contacts = new ContactHistory();

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
    // A queue or lead time the generator drew above the service level, as the CSV rounds it.
    if (o.wait !== undefined && e.wait > serviceLevelSeconds(tp.id)) this.seed('wait', e);
    return e;
  }

  /** Seeds one friction at a step; a step is one occurrence of a type, never two. */
  seed(type: TFrictionType, event: TSimEvent, pair = ''): void {
    let types = this.seededTypes.get(event);
    if (types === undefined) this.seededTypes.set(event, (types = new Set()));
    if (types.has(type)) throw new Error(`${type} seeded twice at ${event.activity}`);
    types.add(type);
    this.seeds.push({ type, event, pair });
  }

  /** The journey ends at `last` in a funnel stage it entered at `entry`. */
  dropOff(last: TSimEvent, entry: number): void {
    this.dropOffs.push({ event: last, entry });
  }

  /** The generator sent the customer back to a team they had already left in this case. */
  pingPong(event: TSimEvent): void {
    this.pingPongs.push(event);
  }

  /** An assisted contact: repeat contacts and channel switches follow from the history. */
  contact(event: TSimEvent): void {
    this.contacts.add(event);
  }

  /**
   * Cuts the events to the extract's period and puts them in output order (by time; the sort
   * is stable, so equal times keep generation order). Frictions seeded at a step outside the
   * extract are not in the data, so they leave the record too.
   */
  finish(): void {
    const inPeriod = new Set(this.events.filter((e) => e.t >= PERIOD_START && e.t < PERIOD_END));
    if (inPeriod.size < this.events.length) {
      const outside = new Set(this.events.filter((e) => !inPeriod.has(e)).map((e) => e.caseId));
      for (const c of this.cases) if (outside.has(c.id)) c.truncated = true;
    }
    const keep = <T>(list: T[], event: (x: T) => TSimEvent): void => {
      const inside = list.filter((x) => inPeriod.has(event(x)));
      list.length = 0;
      list.push(...inside);
    };
    this.seeds.push(...this.contacts.seeds());
    keep(this.seeds, (x) => x.event);
    keep(this.dropOffs, (x) => x.event);
    keep(this.pingPongs, (x) => x);
    keep(this.events, (x) => x);
    this.events.sort((a, b) => a.t - b.t);
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
