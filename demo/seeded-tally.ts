/**
 * Counts the seeded frictions of a whole generation, customer by customer: per (type,
 * touchpoint) for `seededFrictions` and per type with breakdowns for `frictions`. A drop-off
 * is an abandonment only once the data reaches the window past the journey's entry into its
 * stage, and the data's end (the latest event of the extract) is known only at the end; the
 * latest event seen so far is a lower bound of it, so most drop-offs are settled at once and
 * only those entered in the last days stay open (memory stays bounded). Never looks at events
 * beyond the step each seed names.
 */
import { FRICTION_TYPES, type TFrictionType } from '../src/model/gap-kinds.js';
import { DAY, PERIOD_END, SECOND } from './calendar.js';
import { FRICTION } from './company.js';
import type { TSeed } from './seeds.js';
import type { CustomerSim } from './simulation.js';
import { Tally } from './tally.js';
import type { TTouchpoint } from './touchpoints.js';

export type TKindTally = {
  occurrences: number;
  customers: number;
  bySegment: Tally;
  customersBySegment: Tally;
  byStage: Tally;
  byTeam: Tally;
  byChannel: Tally;
  byTouchpoint: Tally;
  byReason: Tally;
  byPair: Tally;
};
const kindTally = (): TKindTally => ({
  occurrences: 0,
  customers: 0,
  bySegment: new Tally(),
  customersBySegment: new Tally(),
  byStage: new Tally(),
  byTeam: new Tally(),
  byChannel: new Tally(),
  byTouchpoint: new Tally(),
  byReason: new Tally(),
  byPair: new Tally(),
});

export type TSeededFriction = {
  type: TFrictionType;
  touchpoint: string;
  customers: number;
  occurrences: number;
};

type TOccurrence = {
  type: TFrictionType;
  tp: TTouchpoint;
  channel: string;
  reason: string;
  pair: string;
};
type TOpen = { customer: string; segment: string; occurrence: TOccurrence; entry: number };

const WINDOW = FRICTION.abandonment.withinDays * DAY;
/** Events are whole seconds before the period end: the data can reach no further. */
const LATEST_POSSIBLE = PERIOD_END - SECOND;
const judged = (entry: number, dataEnd: number): boolean => dataEnd - entry >= WINDOW;
const occurrence = (s: TSeed): TOccurrence => ({
  type: s.type,
  tp: s.event.tp,
  channel: s.event.channel,
  reason: s.event.reason,
  pair: s.pair,
});

export class SeededTally {
  readonly kinds = Object.fromEntries(FRICTION_TYPES.map((k) => [k, kindTally()])) as Record<
    TFrictionType,
    TKindTally
  >;
  readonly pingPong = { cases: 0, customers: 0, bySegment: new Tally() };
  private readonly perTouchpoint = new Map<string, TSeededFriction>();
  private open: TOpen[] = [];
  /** Customers with an open drop-off: what they were already counted as affected by. */
  private readonly affected = new Map<string, Set<string>>();
  private dataEnd = -Infinity;

  /** One customer's record, after `sim.finish()`. */
  add(sim: CustomerSim): void {
    const { id: customer, segment } = sim.customer;
    const last = sim.events[sim.events.length - 1];
    if (last !== undefined && last.t > this.dataEnd) {
      this.dataEnd = last.t;
      this.settle();
    }
    const keys = new Set<string>();
    const abandoned = new Set<unknown>();
    for (const s of sim.seeds) {
      this.count(segment, occurrence(s), keys);
      if (s.type === 'abandonment') abandoned.add(s.event);
    }
    let waiting = false;
    for (const { event, entry } of sim.dropOffs) {
      // A step counts once even when it is both an abandoned outcome and a drop-off.
      if (abandoned.has(event)) continue;
      const o = occurrence({ type: 'abandonment', event, pair: '' });
      if (judged(entry, this.dataEnd)) this.count(segment, o, keys);
      else if (judged(entry, LATEST_POSSIBLE)) {
        this.open.push({ customer, segment, occurrence: o, entry });
        waiting = true;
      }
    }
    if (waiting) this.affected.set(customer, keys);
    if (sim.pingPongs.length > 0) {
      this.pingPong.cases += sim.pingPongs.length;
      this.pingPong.customers++;
      this.pingPong.bySegment.add(segment, sim.pingPongs.length);
    }
  }

  /** Settles the open drop-offs against the end of the data; call once, after the last add. */
  finish(): void {
    this.settle();
    this.open = [];
    this.affected.clear();
  }

  /** The seeded (type, touchpoint) entries, sorted by type then touchpoint. */
  seededFrictions(): TSeededFriction[] {
    return [...this.perTouchpoint.values()]
      .filter((f) => f.customers > 0)
      .sort((a, b) => cmp(a.type, b.type) || cmp(a.touchpoint, b.touchpoint));
  }

  private settle(): void {
    const still: TOpen[] = [];
    for (const x of this.open) {
      if (!judged(x.entry, this.dataEnd)) {
        still.push(x);
        continue;
      }
      const keys = this.affected.get(x.customer) ?? new Set<string>();
      this.affected.set(x.customer, keys);
      this.count(x.segment, x.occurrence, keys);
    }
    this.open = still;
    const waiting = new Set(still.map((x) => x.customer));
    for (const customer of this.affected.keys()) {
      if (!waiting.has(customer)) this.affected.delete(customer);
    }
  }

  /** Counts one occurrence; `keys` are what the customer already counts as affected by. */
  private count(segment: string, o: TOccurrence, keys: Set<string>): void {
    const k = this.kinds[o.type];
    k.occurrences++;
    k.bySegment.add(segment);
    k.byStage.add(o.tp.stage);
    k.byTeam.add(o.tp.owner);
    k.byChannel.add(o.channel);
    k.byTouchpoint.add(o.tp.id);
    if (o.reason !== '') k.byReason.add(o.reason);
    if (o.pair !== '') k.byPair.add(o.pair);
    const key = `${o.type}|${o.tp.id}`;
    let entry = this.perTouchpoint.get(key);
    if (entry === undefined) {
      entry = { type: o.type, touchpoint: o.tp.id, customers: 0, occurrences: 0 };
      this.perTouchpoint.set(key, entry);
    }
    entry.occurrences++;
    if (!keys.has(key)) {
      keys.add(key);
      entry.customers++;
    }
    if (!keys.has(o.type)) {
      keys.add(o.type);
      k.customers++;
      k.customersBySegment.add(segment);
    }
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
