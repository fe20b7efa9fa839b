/**
 * What the journey SQL needs to know about a workspace, decided in TypeScript so it can be
 * tested without an engine (STYLE.md "Queries"): touchpoint codes and their attributes, the
 * activity mapping, segment rules, the inactivity gap, the friction settings that the single
 * ordering pass must evaluate (seen-touchpoint words, between-touchpoint service levels), and
 * which kinds of events the store holds. Pure: no I/O.
 */
import type { TDiscoveryFilter } from '../model/discovery.js';
import type { TSegmentRule } from '../model/segment-rule.js';
import { activityMapping } from '../model/workspace-activities.js';
import { DEFAULT_FUNNEL_STAGES, type TWorkspace } from '../model/workspace-schema.js';

/** Events on these channels (the step's channel), in [from, to), of customers in this segment. */
export type TJourneyFilter = TDiscoveryFilter;

/** A touchpoint as the engine sees it; `code` is its position in the workspace (0-based). */
export type TTouchpointRow = {
  code: number;
  id: string;
  stage: string;
  /** 0-based position of the stage in the workspace's stages; null if it is not one. */
  stageIndex: number | null;
  team: string;
  layer: string;
  channel: string;
  /** Declared a moment of truth. */
  momentOfTruth: boolean;
  /** Its own service level for the `wait` field, else the default (seconds). */
  waitSeconds: number;
  /** Listed in `friction.contactTouchpoints`. */
  contact: boolean;
  /** In a stage where a journey that stops is abandoned. */
  abandonStage: boolean;
  /** In a stage where hand-offs count. */
  handoffStage: boolean;
};

export type TPatternRow = { touchpoint: string; source: string; ignoreCase: boolean };

/** A service level measured from the latest `from` step to a `to` step of a journey. */
export type TBetweenLevel = { from: number; to: number; seconds: number };

/** Which kinds of events are in the store: each needs its own way of forming journeys. */
export type TCaseMix = { withCase: boolean; withoutCase: boolean };

export type TJourneyPlan = {
  touchpoints: TTouchpointRow[];
  /** Exact activity name → touchpoint id; these win over every pattern. */
  exact: { activity: string; touchpoint: string }[];
  /** Tried in this order; the first match wins. */
  patterns: TPatternRow[];
  /** In workspace order; a customer's segment is the first whose rule matches. */
  segments: { id: string; rule: TSegmentRule }[];
  /** The workspace's stages in order. */
  stages: string[];
  /** Without a case id, a gap strictly longer than this (µs) starts a new journey. */
  gapMicros: number;
  /** 64-bit words needed to remember which touchpoints a journey has passed (loops). */
  seenWords: number;
  between: TBetweenLevel[];
  /** Contacts are steps at contact touchpoints (true) or steps with a contact reason. */
  contactsByTouchpoint: boolean;
  caseMix: TCaseMix;
  filter: TJourneyFilter;
};

const MICROS_PER_DAY = 86_400_000_000;

/** Stages where a journey that stops counts as abandoned (the setting, else the funnel). */
export function abandonmentStages(workspace: TWorkspace): string[] {
  const configured = workspace.friction.abandonment.stages;
  if (configured !== undefined) return configured;
  return DEFAULT_FUNNEL_STAGES.filter((s) => workspace.stages.includes(s));
}

export function journeyPlan(
  workspace: TWorkspace,
  filter: TJourneyFilter = {},
  caseMix: TCaseMix = { withCase: true, withoutCase: true },
): TJourneyPlan {
  const stageIndex = new Map(workspace.stages.map((s, i) => [s, i]));
  const code = new Map(workspace.touchpoints.map((t, i) => [t.id as string, i]));
  const { exact, patterns } = activityMapping(workspace);
  const { wait, handoff, contactTouchpoints } = workspace.friction;
  const ownLevel = new Map<string, number>();
  const between: TBetweenLevel[] = [];
  for (const level of wait.serviceLevels) {
    if ('touchpoint' in level) ownLevel.set(level.touchpoint, level.seconds);
    else {
      const from = code.get(level.from);
      const to = code.get(level.to);
      if (from !== undefined && to !== undefined)
        between.push({ from, to, seconds: level.seconds });
    }
  }
  const contacts = new Set<string>(contactTouchpoints ?? []);
  const abandon = new Set(abandonmentStages(workspace));
  const handoffStages = handoff.stages === undefined ? undefined : new Set(handoff.stages);
  return {
    touchpoints: workspace.touchpoints.map((t, i) => ({
      code: i,
      id: t.id,
      stage: t.stage,
      stageIndex: stageIndex.get(t.stage) ?? null,
      team: t.owner,
      layer: t.layer,
      channel: t.channel,
      momentOfTruth: t.momentOfTruth,
      waitSeconds: ownLevel.get(t.id) ?? wait.defaultSeconds,
      contact: contacts.has(t.id),
      abandonStage: abandon.has(t.stage),
      handoffStage: handoffStages?.has(t.stage) ?? true,
    })),
    exact: [...exact].map(([activity, touchpoint]) => ({ activity, touchpoint })),
    patterns: patterns.map((p) => ({
      touchpoint: p.touchpointId,
      source: p.source,
      ignoreCase: p.flags.includes('i'),
    })),
    segments: workspace.segments.map((s) => ({ id: s.id, rule: s.rule })),
    stages: [...workspace.stages],
    gapMicros: Math.round(workspace.settings.inactivityGapDays * MICROS_PER_DAY),
    seenWords: Math.ceil(workspace.touchpoints.length / 64),
    between: wait.enabled ? between : [],
    contactsByTouchpoint: contactTouchpoints !== undefined,
    caseMix,
    filter,
  };
}
