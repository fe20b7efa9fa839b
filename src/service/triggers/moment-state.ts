/**
 * Rebuilds the state of the real-time moment-of-truth evaluation from the store, as of an
 * ingest position: the state that evaluating every event up to it, in time order, would have
 * left (src/query/moment-trigger-state.ts has the SQL). Runs on a session of its own: it makes
 * temp tables, and a long rebuild must not hold up ingest.
 */
import {
  emptyTriggerState,
  pruneTriggerState,
  windowUs,
  type TTriggerState,
} from '../../analysis/moment-triggers.js';
import type { TTriggerModel } from '../../analysis/moment-trigger-model.js';
import * as q from '../../query/moment-trigger-state.js';
import type { TStore } from '../../store/store.js';

export async function loadTriggerState(
  session: TStore,
  model: TTriggerModel,
  upTo: number,
): Promise<TTriggerState> {
  const state = emptyTriggerState(model);
  const activities = await session.all<{ activity: string }>(q.distinctActivities);
  const rows: q.TTriggerActivityRow[] = [];
  for (const { activity } of activities) {
    const touchpoint = model.touchpointOf(activity);
    const tp = touchpoint === undefined ? undefined : model.touchpoints.get(touchpoint);
    if (touchpoint !== undefined && tp !== undefined) rows.push({ activity, touchpoint, ...tp });
  }
  for (const statement of q.triggerActivityTable(rows)) await session.exec(statement);
  try {
    const [clockRow] = await session.all<{ clock: number | null }>(q.triggerClock(upTo));
    const clock = clockRow?.clock ?? null;
    if (clock === null) return state;
    state.clockUs = clock;
    await loadRules(session, model, state, upTo, clock);
    pruneTriggerState(model, state);
    return state;
  } finally {
    await session.exec(q.dropTriggerJourneySteps);
    await session.exec(q.dropTriggerActivities);
  }
}

async function loadRules(
  session: TStore,
  model: TTriggerModel,
  state: TTriggerState,
  upTo: number,
  clock: number,
): Promise<void> {
  let journeysBuilt = false;
  for (const moment of model.moments) {
    if (moment.kind !== 'rule') continue;
    const rule = moment.rule;
    if (rule.kind === 'nthOccurrence') {
      const counts = state.counts.get(moment.key);
      const rows = await session.all<{ customer_id: string; n: number }>(
        q.nthCounts(upTo, rule.touchpoint, rule.n),
      );
      for (const r of rows) counts?.set(r.customer_id, r.n);
    } else if (rule.kind === 'contactsWithin') {
      const perCustomer = state.contacts.get(moment.key);
      const keep = windowUs(rule.withinDays) + model.slackUs;
      const rows = await session.all<{ customer_id: string; us: number }>(
        q.recentContacts(upTo, rule, model.contactsByTouchpoint, clock, keep),
      );
      for (const r of rows) {
        const times = perCustomer?.get(r.customer_id) ?? [];
        times.push(r.us);
        perCustomer?.set(r.customer_id, times);
      }
    } else {
      if (!journeysBuilt) {
        await session.exec(q.createTriggerJourneySteps(upTo, model.gapUs));
        const current = await session.all<{
          customer_id: string;
          journey: string;
          start_us: number;
          last_us: number;
        }>(q.currentCaselessJourneys(clock, model.gapUs + model.slackUs));
        for (const r of current) {
          state.caseless.set(r.customer_id, {
            key: r.journey,
            startUs: r.start_us,
            lastUs: r.last_us,
          });
        }
        journeysBuilt = true;
      }
      const journeys = state.journeys.get(moment.key);
      const rows = await session.all<{
        journey: string;
        customer_id: string;
        caseless: boolean;
        open: boolean;
        last_us: number;
      }>(q.firstAfterJourneys(rule.touchpoint, rule.after, clock, model.caseHorizonUs));
      for (const r of rows) {
        // Without a case id only the customer's current journey can still change.
        if (r.caseless && state.caseless.get(r.customer_id)?.key !== r.journey) continue;
        journeys?.set(r.journey, { open: r.open, lastUs: r.last_us });
      }
    }
  }
}
