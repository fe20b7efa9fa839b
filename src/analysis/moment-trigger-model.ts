/**
 * What the real-time evaluation of moments of truth needs to know about a workspace, decided
 * once per version of the workspace: which raw activity is which touchpoint (the same
 * `compileActivityMatcher` the rest of the app uses), each touchpoint's stage and channel and
 * whether friction counts it as a contact, the inactivity gap that splits journeys without a
 * case id, and the moments to watch — touchpoints flagged `momentOfTruth`, then the rules in
 * file order (the order of the analysis's `declared` list). Pure: no I/O.
 */
import { compileActivityMatcher } from '../model/workspace-activities.js';
import type { TMomentOfTruthRule, TWorkspace } from '../model/workspace-schema.js';

export type TTriggerMoment =
  | { key: string; kind: 'touchpoint'; id: string; name: string; touchpoint: string }
  | { key: string; kind: 'rule'; id: string; name: string; rule: TMomentOfTruthRule };

export type TTriggerTouchpoint = {
  stage: string;
  channel: string;
  /** Listed in `friction.contactTouchpoints`. */
  contact: boolean;
};

export type TTriggerModel = {
  /** Raw activity name → touchpoint id; undefined when it maps to none (not a step). */
  touchpointOf(activity: string): string | undefined;
  touchpoints: ReadonlyMap<string, TTriggerTouchpoint>;
  /** A contact is a step at a contact touchpoint (true) or a step with a contact reason. */
  contactsByTouchpoint: boolean;
  /** Without a case id, a gap strictly longer than this (µs) starts a new journey. */
  gapUs: number;
  /** A journey with a case id and no step for this long (µs) is forgotten by `firstAfter`. */
  caseHorizonUs: number;
  /** How much longer than strictly needed state is kept, for events that arrive late (µs). */
  slackUs: number;
  moments: readonly TTriggerMoment[];
  /** Identifies every decision above: the state is rebuilt when it changes. */
  signature: string;
};

export type TTriggerModelOptions = {
  /** Default 180 days. */
  caseHorizonDays?: number;
  /** Default 1 day. */
  slackDays?: number;
};

export const US_PER_DAY = 86_400_000_000;

/** `touchpoint:<id>` or `rule:<id>`, as the analysis names its declared moments. */
export const momentKey = (kind: 'touchpoint' | 'rule', id: string): string => `${kind}:${id}`;

export function triggerModel(
  workspace: TWorkspace,
  options: TTriggerModelOptions = {},
): TTriggerModel {
  const contacts = new Set<string>(workspace.friction.contactTouchpoints ?? []);
  const touchpoints = new Map<string, TTriggerTouchpoint>(
    workspace.touchpoints.map((t) => [
      t.id,
      { stage: t.stage, channel: t.channel, contact: contacts.has(t.id) },
    ]),
  );
  const moments: TTriggerMoment[] = [
    ...workspace.touchpoints
      .filter((t) => t.momentOfTruth)
      .map((t) => ({
        key: momentKey('touchpoint', t.id),
        kind: 'touchpoint' as const,
        id: t.id,
        name: t.name,
        touchpoint: t.id,
      })),
    ...workspace.momentsOfTruth.map((m) => ({
      key: momentKey('rule', m.id),
      kind: 'rule' as const,
      id: m.id,
      name: m.name,
      rule: m.rule,
    })),
  ];
  const gapUs = Math.round(workspace.settings.inactivityGapDays * US_PER_DAY);
  const caseHorizonUs = Math.round((options.caseHorizonDays ?? 180) * US_PER_DAY);
  const slackUs = Math.round((options.slackDays ?? 1) * US_PER_DAY);
  const signature = JSON.stringify({
    touchpoints: workspace.touchpoints.map((t) => [t.id, t.stage, t.channel, t.activities]),
    contacts: workspace.friction.contactTouchpoints ?? null,
    moments: moments.map((m) => [m.key, m.kind === 'rule' ? m.rule : m.touchpoint]),
    gapUs,
    caseHorizonUs,
    slackUs,
  });
  return {
    touchpointOf: compileActivityMatcher(workspace),
    touchpoints,
    contactsByTouchpoint: workspace.friction.contactTouchpoints !== undefined,
    gapUs,
    caseHorizonUs,
    slackUs,
    moments,
    signature,
  };
}

/** The contacts a `contactsWithin` rule counts: at its touchpoints, else any contact. */
export function isRuleContact(
  model: TTriggerModel,
  rule: Extract<TMomentOfTruthRule, { kind: 'contactsWithin' }>,
  step: { touchpoint: string; channel: string; reason: string | null },
): boolean {
  const tp = model.touchpoints.get(step.touchpoint);
  if (tp === undefined) return false;
  const contact =
    rule.touchpoints !== undefined
      ? (rule.touchpoints as readonly string[]).includes(step.touchpoint)
      : model.contactsByTouchpoint
        ? tp.contact
        : step.reason !== null;
  return (
    contact &&
    (rule.stage === undefined || tp.stage === rule.stage) &&
    (rule.channel === undefined || step.channel === rule.channel)
  );
}
