/**
 * What the outside world is told when a moment of truth happens: the occurrence (the same
 * object in a webhook's `data` and in the event stream) and the webhook envelope around it.
 * An occurrence's id is `<moment>@<seq>`: the same moment at the same stored event is always
 * the same occurrence, so evaluating an event twice (after a crash) cannot tell anyone twice.
 */
import type { TTriggerModel } from '../../analysis/moment-trigger-model.js';
import type { TFired, TTriggerEvent } from '../../analysis/moment-triggers.js';

/**
 * Every webhook event type. Moment-of-truth occurrences go to every subscription that wants
 * them; alerts (src/service/alerts) only to the subscriptions their rule names.
 */
export const EVENT_TYPES = ['moment.occurred', 'alert.raised', 'alert.resolved'] as const;
export type TEventType = (typeof EVENT_TYPES)[number];

/** An event as the live evaluation receives it: stored, with its ingest position. */
export type TLiveEvent = TTriggerEvent & { eventId: string | null; outcome: string | null };

export type TMomentOccurrence = {
  /** `<moment>@<seq>`. */
  id: string;
  /** `touchpoint:<id>` or `rule:<id>`, as the analysis's `declared` list names it. */
  moment: string;
  kind: 'touchpoint' | 'rule';
  /** The touchpoint id or the rule id. */
  momentId: string;
  name: string;
  /** The rule's kind; null for a touchpoint flagged `momentOfTruth`. */
  rule: 'nthOccurrence' | 'contactsWithin' | 'firstAfter' | null;
  customerId: string;
  caseId: string | null;
  touchpoint: string;
  stage: string;
  /** The event's channel, else its touchpoint's. */
  channel: string;
  /** The event at which the moment happened. */
  event: {
    seq: number;
    id: string | null;
    ts: string;
    activity: string;
    outcome: string | null;
    reason: string | null;
  };
};

export type TWebhookEvent = {
  /** The occurrence id. */
  id: string;
  type: 'moment.occurred';
  /** When the moment was evaluated (ISO 8601). */
  createdAt: string;
  data: TMomentOccurrence;
};

export function occurrenceOf(model: TTriggerModel, fired: TFired<TLiveEvent>): TMomentOccurrence {
  const { moment, step } = fired;
  return {
    id: `${moment.key}@${step.seq}`,
    moment: moment.key,
    kind: moment.kind,
    momentId: moment.id,
    name: moment.name,
    rule: moment.kind === 'rule' ? moment.rule.kind : null,
    customerId: step.customerId,
    caseId: step.caseId,
    touchpoint: step.touchpoint,
    stage: model.touchpoints.get(step.touchpoint)?.stage ?? '',
    channel: step.stepChannel,
    event: {
      seq: step.seq,
      id: step.eventId,
      ts: new Date(Math.floor(step.tsUs / 1000)).toISOString(),
      activity: step.activity,
      outcome: step.outcome,
      reason: step.reason,
    },
  };
}
