/**
 * Moments of truth evaluated incrementally, batch by batch, with the meaning of the batch
 * analysis (src/query/moments.ts, docs/analysis.md):
 * - a touchpoint flagged `momentOfTruth`: every step there;
 * - nthOccurrence: the customer's n-th step at the touchpoint, over all their journeys;
 * - contactsWithin: a contact that is at least the `count`-th within `withinDays` days up to
 *   and including it (contacts at the same instant count each other, as the engine's
 *   `RANGE ... CURRENT ROW` window does);
 * - firstAfter: per journey (the case id, else the customer's steps split by the inactivity
 *   gap), the first step at the touchpoint after the journey's first `after` step.
 *
 * Order. A batch is evaluated in time order, then ingest order (`seq`), as the analysis orders
 * steps. When batches arrive in time order (no event older than one evaluated before), the
 * occurrences are exactly those the analysis finds on the same events. A late event is
 * evaluated once, when it arrives, against the state as it then is: it is counted, its contact
 * window holds the contacts still kept, it joins the journey it falls in when that is the
 * customer's current one. Events evaluated before are never re-evaluated and an occurrence is
 * never withdrawn, so the analysis may place a moment differently than the live stream did.
 *
 * Bounded state, only what the rules need: per nthOccurrence the customer's count (at most n);
 * per contactsWithin the customer's contacts of the last `withinDays` (customers without one are
 * dropped); per firstAfter the journeys that passed `after` (without a case id: the customer's
 * current journey only; with one: until `caseHorizonUs` passes without a step). Everything is
 * kept `slackUs` longer than strictly needed, for events that arrive a little late. Pure.
 */
import {
  isRuleContact,
  US_PER_DAY,
  type TTriggerModel,
  type TTriggerMoment,
} from './moment-trigger-model.js';

export type TTriggerEvent = {
  seq: number;
  customerId: string;
  caseId: string | null;
  /** Epoch microseconds (the engine's resolution). */
  tsUs: number;
  activity: string;
  /** The event's own channel; a step without one takes its touchpoint's. */
  channel: string | null;
  reason: string | null;
};

/** An event that maps to a touchpoint; `stepChannel` is its channel, else the touchpoint's. */
export type TTriggerStep<E extends TTriggerEvent = TTriggerEvent> = E & {
  touchpoint: string;
  stepChannel: string;
};

export type TFirstAfterEntry = {
  /** `after` was passed and the moment has not happened yet in this journey. */
  open: boolean;
  lastUs: number;
};

export type TCaselessJourney = { key: string; startUs: number; lastUs: number };

export type TTriggerState = {
  /** The latest step time evaluated (µs); -Infinity before any. */
  clockUs: number;
  prunedAtUs: number;
  /** Per nthOccurrence moment: customer → steps at the touchpoint, at most n. */
  counts: Map<string, Map<string, number>>;
  /** Per contactsWithin moment: customer → times of their recent contacts, ascending. */
  contacts: Map<string, Map<string, number[]>>;
  /** Per firstAfter moment: journey key → its state, for journeys that passed `after`. */
  journeys: Map<string, Map<string, TFirstAfterEntry>>;
  /** Each customer's current journey without a case id (kept only for firstAfter rules). */
  caseless: Map<string, TCaselessJourney>;
};

export type TFired<E extends TTriggerEvent = TTriggerEvent> = {
  moment: TTriggerMoment;
  step: TTriggerStep<E>;
};

/** Prune at most once per hour of event time: the maps are walked whole. */
const PRUNE_EVERY_US = 3_600_000_000;

export const caseJourneyKey = (caseId: string): string => `case:${caseId}`;
/** A journey without a case id, named by its customer and the seq of its first step. */
export const caselessJourneyKey = (customerId: string, firstSeq: number): string =>
  `gap:${customerId}:${firstSeq}`;

export const windowUs = (withinDays: number): number => Math.round(withinDays * US_PER_DAY);

export function emptyTriggerState(model: TTriggerModel): TTriggerState {
  const state: TTriggerState = {
    clockUs: -Infinity,
    prunedAtUs: -Infinity,
    counts: new Map(),
    contacts: new Map(),
    journeys: new Map(),
    caseless: new Map(),
  };
  for (const m of model.moments) {
    if (m.kind !== 'rule') continue;
    if (m.rule.kind === 'nthOccurrence') state.counts.set(m.key, new Map());
    if (m.rule.kind === 'contactsWithin') state.contacts.set(m.key, new Map());
    if (m.rule.kind === 'firstAfter') state.journeys.set(m.key, new Map());
  }
  return state;
}

/** The steps of a batch (events that map to a touchpoint), in time order, then seq. */
export function stepsOf<E extends TTriggerEvent>(
  model: TTriggerModel,
  events: readonly E[],
): TTriggerStep<E>[] {
  const steps: TTriggerStep<E>[] = [];
  for (const e of events) {
    const touchpoint = model.touchpointOf(e.activity);
    if (touchpoint === undefined) continue;
    const stepChannel = e.channel ?? model.touchpoints.get(touchpoint)?.channel ?? '';
    steps.push({ ...e, touchpoint, stepChannel });
  }
  return steps.sort((a, b) => a.tsUs - b.tsUs || a.seq - b.seq);
}

/**
 * Evaluates a batch against the state (which it updates) and returns the occurrences in time
 * order, then seq, then moment order.
 */
export function evaluateBatch<E extends TTriggerEvent>(
  model: TTriggerModel,
  state: TTriggerState,
  events: readonly E[],
): TFired<E>[] {
  const steps = stepsOf(model, events);
  const hasFirstAfter = state.journeys.size > 0;
  const fired: TFired<E>[] = [];
  for (let i = 0; i < steps.length;) {
    let j = i + 1;
    while (j < steps.length && steps[j]?.tsUs === steps[i]?.tsUs) j++;
    const group = steps.slice(i, j);
    const keys = hasFirstAfter ? group.map((s) => journeyOf(model, state, s)) : [];
    for (const moment of model.moments) evaluateGroup(model, state, moment, group, keys, fired);
    state.clockUs = Math.max(state.clockUs, group[0]?.tsUs ?? -Infinity);
    i = j;
  }
  if (state.clockUs - state.prunedAtUs >= PRUNE_EVERY_US) pruneTriggerState(model, state);
  const order = new Map(model.moments.map((m, k) => [m.key, k]));
  return fired.sort(
    (a, b) =>
      a.step.tsUs - b.step.tsUs ||
      a.step.seq - b.step.seq ||
      (order.get(a.moment.key) ?? 0) - (order.get(b.moment.key) ?? 0),
  );
}

/** One moment over steps of the same instant (in seq order). */
function evaluateGroup<E extends TTriggerEvent>(
  model: TTriggerModel,
  state: TTriggerState,
  moment: TTriggerMoment,
  group: readonly TTriggerStep<E>[],
  journeyKeys: readonly (string | undefined)[],
  fired: TFired<E>[],
): void {
  if (moment.kind === 'touchpoint') {
    for (const step of group)
      if (step.touchpoint === moment.touchpoint) fired.push({ moment, step });
    return;
  }
  const rule = moment.rule;
  switch (rule.kind) {
    case 'nthOccurrence': {
      const counts = state.counts.get(moment.key) ?? new Map<string, number>();
      for (const step of group) {
        if (step.touchpoint !== rule.touchpoint) continue;
        const n = counts.get(step.customerId) ?? 0;
        if (n >= rule.n) continue;
        counts.set(step.customerId, n + 1);
        if (n + 1 === rule.n) fired.push({ moment, step });
      }
      return;
    }
    case 'contactsWithin': {
      const perCustomer = state.contacts.get(moment.key) ?? new Map<string, number[]>();
      const window = windowUs(rule.withinDays);
      const matching = group.filter((s) =>
        isRuleContact(model, rule, { ...s, channel: s.stepChannel }),
      );
      // Every contact of the instant first: they are in each other's window.
      for (const step of matching) {
        const times = perCustomer.get(step.customerId) ?? [];
        times.splice(upperBound(times, step.tsUs), 0, step.tsUs);
        perCustomer.set(step.customerId, times);
      }
      for (const step of matching) {
        const times = perCustomer.get(step.customerId) ?? [];
        const recent = upperBound(times, step.tsUs) - lowerBound(times, step.tsUs - window);
        if (recent >= rule.count) fired.push({ moment, step });
      }
      for (const step of matching) {
        const times = perCustomer.get(step.customerId) ?? [];
        const keepFrom = (times[times.length - 1] ?? 0) - window - model.slackUs;
        const drop = lowerBound(times, keepFrom);
        if (drop > 0) times.splice(0, drop);
      }
      return;
    }
    case 'firstAfter': {
      const journeys = state.journeys.get(moment.key) ?? new Map<string, TFirstAfterEntry>();
      group.forEach((step, k) => {
        const key = journeyKeys[k];
        if (key === undefined) return;
        const entry = journeys.get(key);
        if (entry !== undefined) {
          entry.lastUs = Math.max(entry.lastUs, step.tsUs);
          if (entry.open && step.touchpoint === rule.touchpoint) {
            entry.open = false;
            fired.push({ moment, step });
          }
        } else if (step.touchpoint === rule.after) {
          journeys.set(key, { open: true, lastUs: step.tsUs });
        }
      });
      return;
    }
  }
}

/**
 * The journey of a step: its case id, else the customer's current journey without one, which
 * a gap longer than the setting ends. A late step that falls before the current journey (by
 * more than the gap) belongs to one that is no longer kept: undefined.
 */
function journeyOf(
  model: TTriggerModel,
  state: TTriggerState,
  step: TTriggerStep,
): string | undefined {
  if (step.caseId !== null) return caseJourneyKey(step.caseId);
  const current = state.caseless.get(step.customerId);
  if (current === undefined || step.tsUs - current.lastUs > model.gapUs) {
    if (current !== undefined) forgetJourney(state, current.key);
    const key = caselessJourneyKey(step.customerId, step.seq);
    state.caseless.set(step.customerId, { key, startUs: step.tsUs, lastUs: step.tsUs });
    return key;
  }
  if (step.tsUs >= current.lastUs) current.lastUs = step.tsUs;
  else if (step.tsUs < current.startUs - model.gapUs) return undefined;
  return current.key;
}

function forgetJourney(state: TTriggerState, key: string): void {
  for (const journeys of state.journeys.values()) journeys.delete(key);
}

/**
 * Drops what can no longer change an occurrence for events in time order (and what is
 * past the case horizon): evaluating with or without it gives the same moments.
 */
export function pruneTriggerState(model: TTriggerModel, state: TTriggerState): void {
  const clock = state.clockUs;
  for (const [key, perCustomer] of state.contacts) {
    const moment = model.moments.find((m) => m.key === key);
    if (moment?.kind !== 'rule' || moment.rule.kind !== 'contactsWithin') continue;
    const keepAfter = clock - windowUs(moment.rule.withinDays) - model.slackUs;
    for (const [customer, times] of perCustomer) {
      if ((times[times.length - 1] ?? -Infinity) < keepAfter) perCustomer.delete(customer);
    }
  }
  for (const [customer, journey] of state.caseless) {
    if (journey.lastUs < clock - model.gapUs - model.slackUs) {
      state.caseless.delete(customer);
      forgetJourney(state, journey.key);
    }
  }
  for (const journeys of state.journeys.values()) {
    for (const [key, entry] of journeys) {
      if (key.startsWith('case:') && entry.lastUs < clock - model.caseHorizonUs) {
        journeys.delete(key);
      }
    }
  }
  state.prunedAtUs = clock;
}

/** First index whose value is ≥ x (sorted ascending). */
function lowerBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > x (sorted ascending). */
function upperBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
