/**
 * Friction detection by the written definitions, applied to one customer's events exactly as
 * they are written to events.csv (same order). The ground truth counts these hits, and the
 * feedback model reacts to them, so a correct analyser reading the CSV and the workspace finds
 * the same numbers. The definitions are repeated in ground-truth.json.
 */
import { DAY } from './calendar.js';
import { FRICTION, serviceLevelSeconds } from './company.js';
import type { TSimEvent } from './simulation.js';

export const FRICTION_KINDS = [
  'repeatContact',
  'loop',
  'channelSwitch',
  'handoff',
  'wait',
  'failure',
  'abandonment',
] as const;
export type TFrictionKind = (typeof FRICTION_KINDS)[number];

export const FRICTION_DEFINITIONS: Record<TFrictionKind, string> = {
  repeatContact:
    'a contact (event with a reason) preceded by a contact of the same customer with the same reason at most withinDays days earlier (timestamps compared inclusive)',
  loop: 'an event whose touchpoint already occurred earlier in the same case, not directly before it (immediate repetition is not a loop)',
  channelSwitch:
    'a contact whose previous contact with the same reason (at most withinDays days earlier) was on another channel; pair = previous>current channel',
  handoff:
    'two consecutive events of the same case, both frontstage touchpoints in the Support stage, with different owner teams; pair = from>to team. A ping-pong case is one whose frontstage Support events, read as owner teams with runs collapsed, have at least pingPongMin legs and return to a team already left (A>B>A)',
  wait: 'an event whose wait_s is above the service level of its touchpoint (friction.wait.serviceLevels, else defaultSeconds)',
  failure: 'an event with outcome failed',
  abandonment:
    'an event with outcome abandoned (cart, checkout, call or chat queue); journey drop-offs are reported apart under conversion',
};

export type TFrictionHit = { kind: TFrictionKind; event: TSimEvent; pair: string };
/**
 * Broader readings of two definitions, counted too because an analyser may choose them:
 * a channel switch regardless of reason, and team changes between any consecutive events of a
 * case (all stages, backstage included) with the cases that reach pingPongMin of them.
 */
export type TVariants = {
  channelSwitchAnyReason: number;
  teamChanges: number;
  casesWithPingPongMinTeamChanges: number;
};
export type TDetection = { hits: TFrictionHit[]; pingPongCases: string[]; variants: TVariants };

const WINDOW_REPEAT = FRICTION.repeatContact.withinDays * DAY;
const WINDOW_SWITCH = FRICTION.channelSwitch.withinDays * DAY;

type TCaseState = { seen: Set<string>; last: TSimEvent; teams: string[]; changes: number };

/** Customer-facing support: where a transfer between teams is felt by the customer. */
const facing = (e: TSimEvent): boolean => e.tp.stage === 'Support' && e.tp.layer === 'frontstage';

/** All friction hits of one customer's events (in output order). */
export function detectFrictions(events: readonly TSimEvent[]): TDetection {
  const hits: TFrictionHit[] = [];
  const lastContact = new Map<string, TSimEvent>();
  const cases = new Map<string, TCaseState>();
  const variants: TVariants = {
    channelSwitchAnyReason: 0,
    teamChanges: 0,
    casesWithPingPongMinTeamChanges: 0,
  };
  let lastAnyContact: TSimEvent | undefined;

  for (const e of events) {
    if (e.outcome === 'failed') hits.push({ kind: 'failure', event: e, pair: '' });
    if (e.outcome === 'abandoned') hits.push({ kind: 'abandonment', event: e, pair: '' });
    if (e.wait > serviceLevelSeconds(e.tp.id)) hits.push({ kind: 'wait', event: e, pair: '' });

    if (e.reason !== '') {
      const previous = lastContact.get(e.reason);
      if (previous !== undefined && e.t - previous.t <= WINDOW_REPEAT) {
        hits.push({ kind: 'repeatContact', event: e, pair: '' });
      }
      if (
        previous !== undefined &&
        e.t - previous.t <= WINDOW_SWITCH &&
        previous.channel !== e.channel
      ) {
        hits.push({ kind: 'channelSwitch', event: e, pair: `${previous.channel}>${e.channel}` });
      }
      lastContact.set(e.reason, e);
      const any = lastAnyContact;
      if (any !== undefined && e.t - any.t <= WINDOW_SWITCH && any.channel !== e.channel) {
        variants.channelSwitchAnyReason++;
      }
      lastAnyContact = e;
    }

    const state = cases.get(e.caseId);
    if (state === undefined) {
      const teams = facing(e) ? [e.tp.owner] : [];
      cases.set(e.caseId, { seen: new Set([e.tp.id]), last: e, teams, changes: 0 });
      continue;
    }
    if (state.seen.has(e.tp.id) && state.last.tp.id !== e.tp.id) {
      hits.push({ kind: 'loop', event: e, pair: '' });
    }
    const prev = state.last.tp;
    if (prev.owner !== e.tp.owner) state.changes++;
    if (facing(e) && facing(state.last) && prev.owner !== e.tp.owner) {
      hits.push({ kind: 'handoff', event: e, pair: `${prev.owner}>${e.tp.owner}` });
    }
    if (facing(e) && state.teams[state.teams.length - 1] !== e.tp.owner) {
      state.teams.push(e.tp.owner);
    }
    state.seen.add(e.tp.id);
    state.last = e;
  }

  const pingPongCases: string[] = [];
  for (const [caseId, state] of cases) {
    variants.teamChanges += state.changes;
    if (state.changes >= FRICTION.handoff.pingPongMin) variants.casesWithPingPongMinTeamChanges++;
    if (
      state.teams.length >= FRICTION.handoff.pingPongMin &&
      new Set(state.teams).size < state.teams.length
    ) {
      pingPongCases.push(caseId);
    }
  }
  return { hits, pingPongCases, variants };
}
