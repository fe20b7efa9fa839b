/**
 * Counts what one generation actually produced, customer by customer, so ground-truth.json
 * holds real counts (with the seeded rates beside them): the frictions as the generator seeded
 * them (seeded-tally.ts), deviations per ideal journey, per-stage conversion, moments of truth,
 * feedback gaps, and the sizes of everything. Keeps only counters, never the events;
 * ground-truth-document.ts prints them.
 */
import { DEVIATION_KINDS, type TDeviationKind } from '../src/model/gap-kinds.js';
import { DAY } from './calendar.js';
import { MOMENT_RULES } from './company.js';
import { deviationsOf } from './deviations.js';
import type { TExposure } from './exposures.js';
import type { TFeedback } from './feedback.js';
import { GapTally } from './gaps.js';
import { IDEAL_JOURNEYS, workspaceJourney } from './ideal-journeys.js';
import { SeededTally } from './seeded-tally.js';
import type { CustomerSim, TSimEvent } from './simulation.js';
import { Tally } from './tally.js';
import { touchpoint } from './touchpoints.js';

export type TJourneyTally = {
  instances: number;
  completed: number;
  notConverted: number;
  truncated: number;
  conforming: number;
  instancesWith: Tally;
  occurrences: Record<TDeviationKind, Tally>;
};

const MOT_CONTACTS = new Set<string>(MOMENT_RULES[1].rule.touchpoints);

const DESIGNS = new Map(IDEAL_JOURNEYS.map((j) => [j.id, j]));

export class GroundTruth {
  readonly customers = new Tally();
  readonly events = new Tally();
  readonly eventsBy = {
    segment: new Tally(),
    channel: new Tally(),
    touchpoint: new Tally(),
    outcome: new Tally(),
  };
  readonly cases = new Tally();
  /** Support episodes that started on a channel no ideal journey covers (e-mail, social, store). */
  supportWithoutJourney = 0;
  readonly feedback = new Tally();
  readonly seeded = new SeededTally();
  readonly journeys = new Map<string, TJourneyTally>();
  readonly designs = new Map<string, TJourneyTally>();
  readonly conversion = {
    instances: new Tally(),
    reached: new Map<string, Tally>(),
    dropOff: new Map<string, Tally>(),
  };
  readonly moments = {
    rules: new Tally(),
    ruleCustomers: new Tally(),
    touchpoints: new Tally(),
    touchpointCustomers: new Tally(),
  };
  readonly gaps = new GapTally();
  readonly exposedCustomers = new Tally();

  /** One customer, after `sim.finish()`. */
  add(sim: CustomerSim, exposures: TExposure[], feedback: TFeedback[]): void {
    const segment = sim.customer.segment;
    this.customers.add(segment);
    this.events.add('all', sim.events.length);
    this.eventsBy.segment.add(segment, sim.events.length);
    // Team and stage follow from the touchpoint; they are derived when printing.
    for (const e of sim.events) {
      this.eventsBy.channel.add(e.channel);
      this.eventsBy.touchpoint.add(e.tp.id);
      this.eventsBy.outcome.add(e.outcome);
    }
    this.seeded.add(sim);
    this.addCases(sim);
    this.addMoments(sim);
    const ever = new Set(exposures.map((x) => x.kind));
    for (const kind of ever) this.exposedCustomers.add(kind);
    for (const row of feedback) {
      this.feedback.add(row.kind);
      this.gaps.add(row, ever);
    }
  }

  private addCases(sim: CustomerSim): void {
    const byCase = sim.byCase();
    for (const c of sim.cases) {
      const events = byCase.get(c.id);
      if (events === undefined) continue; // entirely outside the period
      this.cases.add(c.kind);
      if (c.kind === 'purchase' && !c.truncated)
        this.addConversion(c.journey ?? 'none', c.converted, events);
      const design = c.journey === null ? undefined : DESIGNS.get(c.journey);
      const journey = design && workspaceJourney(design.id, sim.customer.segment);
      if (design === undefined || journey === undefined) {
        if (c.kind === 'support') this.supportWithoutJourney++;
        continue;
      }
      const completed = c.kind !== 'purchase' || c.converted;
      const found = c.truncated
        ? []
        : deviationsOf(
            design,
            events.map((e) => e.tp.id),
            completed,
          );
      for (const t of [
        this.journeyTally(this.journeys, journey.id),
        this.journeyTally(this.designs, design.id),
      ]) {
        t.instances++;
        if (c.truncated) {
          t.truncated++;
          continue;
        }
        if (completed) t.completed++;
        else t.notConverted++;
        const kinds = new Set(found.map((d) => d.kind));
        if (completed && kinds.size === 0) t.conforming++;
        for (const kind of kinds) t.instancesWith.add(kind);
        for (const d of found) t.occurrences[d.kind].add(d.touchpoint);
      }
    }
  }

  journeyTally(map: Map<string, TJourneyTally>, id: string): TJourneyTally {
    let t = map.get(id);
    if (t === undefined) {
      const occurrences = Object.fromEntries(
        DEVIATION_KINDS.map((k) => [k, new Tally()]),
      ) as Record<TDeviationKind, Tally>;
      t = {
        instances: 0,
        completed: 0,
        notConverted: 0,
        truncated: 0,
        conforming: 0,
        instancesWith: new Tally(),
        occurrences,
      };
      map.set(id, t);
    }
    return t;
  }

  private addConversion(journey: string, converted: boolean, events: readonly TSimEvent[]): void {
    for (const key of ['all', journey]) {
      this.conversion.instances.add(key);
      let reached = this.conversion.reached.get(key);
      if (reached === undefined) this.conversion.reached.set(key, (reached = new Tally()));
      for (const stage of new Set(events.map((e) => e.tp.stage))) reached.add(stage);
      if (converted) reached.add('converted');
      else {
        let drop = this.conversion.dropOff.get(key);
        if (drop === undefined) this.conversion.dropOff.set(key, (drop = new Tally()));
        drop.add(events[events.length - 1]?.tp.stage ?? 'none');
      }
    }
  }

  private addMoments(sim: CustomerSim): void {
    const [fifth, third, first] = MOMENT_RULES;
    const fired = new Set<string>();
    const orders = sim.events.filter((e) => e.tp.id === fifth.rule.touchpoint).length;
    if (orders >= fifth.rule.n) this.fire(fifth.id, fired);
    const contacts: number[] = [];
    for (const e of sim.events) {
      if (!MOT_CONTACTS.has(e.tp.id)) continue;
      contacts.push(e.t);
      const window = contacts.filter((t) => t >= e.t - third.rule.withinDays * DAY);
      if (window.length >= third.rule.count) this.fire(third.id, fired);
    }
    const paid = new Set<string>();
    const delivered = new Set<string>();
    for (const e of sim.events) {
      if (e.tp.id === first.rule.after) paid.add(e.caseId);
      if (e.tp.id === first.rule.touchpoint && paid.has(e.caseId) && !delivered.has(e.caseId)) {
        delivered.add(e.caseId);
        this.fire(first.id, fired);
      }
    }
    const touched = new Set<string>();
    for (const e of sim.events) {
      if (!e.tp.momentOfTruth) continue;
      this.moments.touchpoints.add(e.tp.id);
      touched.add(e.tp.id);
    }
    for (const id of touched) this.moments.touchpointCustomers.add(id);
  }

  private fire(id: string, fired: Set<string>): void {
    this.moments.rules.add(id);
    if (!fired.has(id)) this.moments.ruleCustomers.add(id);
    fired.add(id);
  }

  byTouchpointField(field: 'owner' | 'stage'): Tally {
    const out = new Tally();
    for (const id of this.eventsBy.touchpoint.keys())
      out.add(touchpoint(id)[field], this.eventsBy.touchpoint.get(id));
    return out;
  }

  /** Settles what only the end of the data decides; call once, after the last customer. */
  finish(): void {
    this.seeded.finish();
  }

  /** Cases (journey instances) with at least one event in the extract. */
  caseCount(): number {
    return this.cases.get('purchase') + this.cases.get('support') + this.cases.get('retention');
  }
}
