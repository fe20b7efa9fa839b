/**
 * The workspace model (`journeylens.yaml`, format version 1): zod schemas, their types and
 * defaults. docs/workspace.md is the user-facing description of the same format; keep them
 * in step. Schemas check each value on its own; references between sections (a touchpoint's
 * owner must be a team, ...) are checked in workspace-refs.ts. Pure: no I/O.
 *
 * Every object is strict, so a typo such as `ownr:` is an error instead of a silently
 * ignored key, and every default lives here, so a file only says what differs.
 */
import { z } from 'zod';
import type { Brand } from './brand.js';
import { ALWAYS, ZSegmentRule } from './segment-rule.js';
import { TREATMENTS } from './treatments.js';

export type TouchpointId = Brand<string, 'TouchpointId'>;
export type SegmentId = Brand<string, 'SegmentId'>;
export type TeamId = Brand<string, 'TeamId'>;

export const WORKSPACE_VERSION = 1;

export const DEFAULT_STAGES = [
  'Awareness',
  'Interest',
  'Intent',
  'Purchase',
  'Fulfilment',
  'Activation',
  'Support',
  'Retention',
] as const;
export const DEFAULT_CHANNELS: readonly string[] = [
  'web',
  'app',
  'email',
  'phone',
  'chat',
  'store',
  'social',
  'mail',
];

/** Ids are slugs so they read well in URLs, SQL and `primary/secondary` contact reasons. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MESSAGE =
  'must be a slug: lowercase letters, digits and single hyphens, e.g. "order-status"';

export const ZSlug = z.string().regex(SLUG, { error: SLUG_MESSAGE });

// Branded ids have no run-time cost; the cast keeps the input type a plain string so
// callers can build workspaces from plain objects with ZWorkspace.parse.
const branded = <B extends string>(schema: z.ZodString) =>
  schema as unknown as z.ZodType<Brand<string, B>, string>;
const ZName = z.string().min(1, { error: 'must not be empty' });
export const ZTouchpointId = branded<'TouchpointId'>(ZSlug);
export const ZSegmentId = branded<'SegmentId'>(ZSlug);
export const ZTeamId = branded<'TeamId'>(ZSlug);
// A reference only has to be a string here: workspace-refs.ts then reports
// `unknown team "Fulfilment "`, which says more than "must be a slug" would.
const ZTouchpointRef = branded<'TouchpointId'>(ZName);
const ZSegmentRef = branded<'SegmentId'>(ZName);
const ZTeamRef = branded<'TeamId'>(ZName);
const ZDescription = z.string().optional();
const ZStageName = ZName.refine((s) => s === s.trim(), {
  error: 'must not start or end with spaces',
});
/** A span in days: more than 0, at most a century (longer spans overflow the engine's microseconds). */
export const MAX_DAYS = 36_500;
const ZDays = z
  .number()
  .positive({ error: 'must be more than 0 days' })
  .max(MAX_DAYS, { error: `must be at most ${MAX_DAYS.toLocaleString('en-US')} days (100 years)` });
const ZCount = (min: number) => z.number().int({ error: 'must be a whole number' }).min(min);
const ZMoney = z.number().nonnegative({ error: 'must not be negative' });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const ZSettings = z.strictObject({
  /** IANA zone for timestamps that carry no offset. */
  timezone: z
    .string()
    .refine(isTimeZone, { error: 'unknown time zone; use an IANA name such as "Europe/Paris"' })
    .default('UTC'),
  /** Without a case id, a gap this long starts a new journey instance. */
  inactivityGapDays: ZDays.default(30),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as "EUR"' })
    .default('EUR'),
});
export type TSettings = z.infer<typeof ZSettings>;

export const ZTeam = z.strictObject({ id: ZTeamId, name: ZName, description: ZDescription });
export type TTeam = z.infer<typeof ZTeam>;

export const ZSegment = z.strictObject({
  id: ZSegmentId,
  name: ZName,
  description: ZDescription,
  /** Free label such as standard or premium; routing and scorecards group by it. */
  serviceTier: ZName.default('standard'),
  /** Value of one customer per year, used to price revenue at risk. */
  annualValue: ZMoney.optional(),
  rule: ZSegmentRule.default(ALWAYS),
});
export type TSegment = z.infer<typeof ZSegment>;

/**
 * Where a touchpoint came from when a brainstorm's entries were clustered into it: the
 * session, its entries (duplicates included) and how many of them each team wrote. Never an
 * author: the entries are anonymous.
 */
export const ZTouchpointOrigin = z.strictObject({
  brainstorm: ZName,
  entries: z.array(ZName).min(1, { error: 'a clustered touchpoint comes from at least one entry' }),
  teams: z.record(z.string(), ZCount(1)).default(() => ({})),
});
export type TTouchpointOrigin = z.infer<typeof ZTouchpointOrigin>;

export const ZTouchpoint = z.strictObject({
  id: ZTouchpointId,
  name: ZName,
  description: ZDescription,
  stage: ZName,
  channel: ZName,
  owner: ZTeamRef,
  layer: z.enum(['frontstage', 'backstage']).default('frontstage'),
  /** Free-text names of the processes that feed this touchpoint and that it feeds. */
  upstream: z.array(ZName).default(() => []),
  downstream: z.array(ZName).default(() => []),
  /** Raw activity names that map here; `/source/flags` entries are patterns. */
  activities: z.array(ZName).default(() => []),
  momentOfTruth: z.boolean().default(false),
  /** The brainstorm entries it was clustered from, if any. */
  origin: ZTouchpointOrigin.optional(),
});
export type TTouchpoint = z.infer<typeof ZTouchpoint>;

export const ZJourneyStep = z.strictObject({
  touchpoint: ZTouchpointRef,
  /** Skipping it costs nothing in conformance. */
  optional: z.boolean().default(false),
  /** Doing it again costs nothing in conformance. */
  repeatable: z.boolean().default(false),
  /**
   * How the team designed the customer to feel at this step, from −2 (very negative) to +2
   * (very positive): the expectation the measured emotion curve is drawn beside.
   */
  emotion: z
    .number()
    .min(-2, { error: 'must be from -2 (very negative) to 2 (very positive)' })
    .max(2, { error: 'must be from -2 (very negative) to 2 (very positive)' })
    .optional(),
});
export type TJourneyStep = z.infer<typeof ZJourneyStep>;

export const ZIdealJourney = z.strictObject({
  id: ZSlug,
  name: ZName,
  description: ZDescription,
  segment: ZSegmentRef,
  steps: z.array(ZJourneyStep).min(1, { error: 'an ideal journey needs at least one step' }),
});
export type TIdealJourney = z.infer<typeof ZIdealJourney>;

export const ZMomentOfTruthRule = z.discriminatedUnion('kind', [
  /** The n-th time a customer reaches a touchpoint (the 100th order). */
  z.strictObject({ kind: z.literal('nthOccurrence'), touchpoint: ZTouchpointRef, n: ZCount(1) }),
  /** `count` contacts within `withinDays`, optionally only in a stage, channel or touchpoints. */
  z.strictObject({
    kind: z.literal('contactsWithin'),
    count: ZCount(1),
    withinDays: ZDays,
    stage: ZName.optional(),
    channel: ZName.optional(),
    touchpoints: z.array(ZTouchpointRef).min(1).optional(),
  }),
  /** The first time `touchpoint` follows `after` (the first delivery after a purchase). */
  z.strictObject({
    kind: z.literal('firstAfter'),
    touchpoint: ZTouchpointRef,
    after: ZTouchpointRef,
  }),
]);
export type TMomentOfTruthRule = z.infer<typeof ZMomentOfTruthRule>;

export const ZMomentOfTruth = z.strictObject({
  id: ZSlug,
  name: ZName,
  description: ZDescription,
  rule: ZMomentOfTruthRule,
});
export type TMomentOfTruth = z.infer<typeof ZMomentOfTruth>;

export const ZSecondaryReason = z.strictObject({
  id: ZSlug,
  name: ZName,
  description: ZDescription,
});
export type TSecondaryReason = z.infer<typeof ZSecondaryReason>;

export const ZContactReason = z.strictObject({
  id: ZSlug,
  name: ZName,
  description: ZDescription,
  secondary: z.array(ZSecondaryReason).default(() => []),
});
export type TContactReason = z.infer<typeof ZContactReason>;

export const ZRoutingRule = z.strictObject({
  id: ZSlug,
  description: ZDescription,
  /** Every condition given must hold; an empty `when` matches every contact. */
  when: z
    .strictObject({
      segment: ZSegmentRef.optional(),
      /** A primary reason id, or `primary/secondary`. */
      reason: ZName.optional(),
      channel: ZName.optional(),
    })
    .prefault({}),
  treatment: z.enum(TREATMENTS),
  /** The minimal fields the frontline needs for this contact. */
  fields: z.array(ZName).default(() => []),
});
export type TRoutingRule = z.infer<typeof ZRoutingRule>;
export type TTreatment = TRoutingRule['treatment'];

const enabled = z.boolean().default(true);
/**
 * A service level: the longest acceptable wait, either the `wait` field of a touchpoint's
 * events or the time from a `from` step to the next `to` step of the same journey.
 */
export const ZServiceLevel = z.union([
  z.strictObject({ touchpoint: ZTouchpointRef, seconds: ZMoney }),
  z.strictObject({ from: ZTouchpointRef, to: ZTouchpointRef, seconds: ZMoney }),
]);
export type TServiceLevel = z.infer<typeof ZServiceLevel>;

/** The lifecycle stages in which a journey that stops counts as abandoned, unless configured. */
export const DEFAULT_FUNNEL_STAGES: readonly string[] = ['Awareness', 'Interest', 'Intent'];

export const ZFrictionRules = z.strictObject({
  /**
   * Touchpoints whose events are customer contacts (repeat contacts, channel switches);
   * default: every event that carries a contact reason.
   */
  contactTouchpoints: z.array(ZTouchpointRef).min(1).optional(),
  repeatContact: z
    .strictObject({
      enabled,
      count: ZCount(2).default(3),
      withinDays: ZDays.default(30),
      sameReason: z.boolean().default(false),
    })
    .prefault({}),
  loop: z.strictObject({ enabled }).prefault({}),
  channelSwitch: z.strictObject({ enabled, withinDays: ZDays.default(7) }).prefault({}),
  handoff: z
    .strictObject({
      enabled,
      pingPongMin: ZCount(2).default(3),
      /** Only hand-offs within these stages count (e.g. Support); default: every stage. */
      stages: z.array(ZName).optional(),
    })
    .prefault({}),
  wait: z
    .strictObject({
      enabled,
      defaultSeconds: ZMoney.default(600),
      serviceLevels: z.array(ZServiceLevel).default(() => []),
    })
    .prefault({}),
  failure: z.strictObject({ enabled }).prefault({}),
  abandonment: z
    .strictObject({
      enabled,
      withinDays: ZDays.default(14),
      /** Stages where a journey that stops is abandoned; default DEFAULT_FUNNEL_STAGES. */
      stages: z.array(ZName).optional(),
    })
    .prefault({}),
});
export type TFrictionRules = z.infer<typeof ZFrictionRules>;

export const ZCostModel = z.strictObject({
  /** Cost of one contact, by channel, in the workspace currency. */
  costToServe: z.record(z.string(), ZMoney).default(() => ({})),
  /** Assumed probability that one friction occurrence loses the customer. */
  churnRisk: z
    .number()
    .min(0)
    .max(1, { error: 'must be a probability between 0 and 1' })
    .default(0.02),
  /**
   * Assumed extra yearly churn probability of a detractor (NPS 0–6) over a non-detractor;
   * where feedback measures how many more detractors a friction makes, revenue at risk uses it.
   */
  detractorChurnRisk: z
    .number()
    .min(0)
    .max(1, { error: 'must be a probability between 0 and 1' })
    .default(0.1),
});
export type TCostModel = z.infer<typeof ZCostModel>;

/** A survey scale: the range of its answers and where the positive answers start. */
export const ZScale = z
  .strictObject({
    kind: ZSlug,
    name: ZName.optional(),
    min: z.number(),
    max: z.number(),
    /** Answers at or above this count as positive (top box); default: none. */
    positiveFrom: z.number().optional(),
  })
  .refine((s) => s.min < s.max, { error: 'min must be below max' });
export type TScale = z.infer<typeof ZScale>;

/** The built-in scales: CSAT 1–5 (4–5 satisfied), NPS 0–10, CES 1–7 (7 = very easy). */
export const BUILTIN_SCALES: readonly TScale[] = [
  { kind: 'csat', name: 'CSAT', min: 1, max: 5, positiveFrom: 4 },
  { kind: 'nps', name: 'NPS', min: 0, max: 10, positiveFrom: 9 },
  { kind: 'ces', name: 'CES', min: 1, max: 7, positiveFrom: 5 },
];

export const ZFeedbackSettings = z.strictObject({
  /** How a response without an explicit touchpoint or stage is tied to the journey. */
  attribution: z
    .strictObject({
      /** To the customer's latest step at most this many hours before the answer. */
      windowHours: z.number().positive({ error: 'must be more than 0 hours' }).default(72),
      /** A response that names its case is tied only to steps of that journey. */
      sameJourney: z.boolean().default(true),
      /** Survey kinds attributed by time; default: every kind but nps (relationship surveys). */
      kinds: z.array(ZSlug).optional(),
    })
    .prefault({}),
  /** Metrics on fewer responses than this are suppressed. */
  minResponses: ZCount(1).default(30),
  /** A response not tied to a journey is compared on the customer's frictions this long before. */
  lookbackDays: ZDays.default(90),
  /** Scales of custom survey kinds (csat, nps and ces are built in). */
  scales: z.array(ZScale).default(() => []),
});
export type TFeedbackSettings = z.infer<typeof ZFeedbackSettings>;

export const ZWorkspace = z.strictObject({
  version: z
    .literal(WORKSPACE_VERSION, {
      error: `unsupported version; this Journeylens reads version ${WORKSPACE_VERSION}`,
    })
    .default(WORKSPACE_VERSION),
  name: ZName,
  description: ZDescription,
  settings: ZSettings.prefault({}),
  stages: z
    .array(ZStageName)
    .min(1, { error: 'needs at least one stage' })
    // The analysis keeps a journey's stages as bits of one 64-bit word.
    .max(64, { error: 'at most 64 stages' })
    .default(() => [...DEFAULT_STAGES]),
  channels: z
    .array(ZSlug)
    .min(1, { error: 'needs at least one channel' })
    .default(() => [...DEFAULT_CHANNELS]),
  teams: z.array(ZTeam).default(() => []),
  segments: z.array(ZSegment).default(() => []),
  touchpoints: z.array(ZTouchpoint).default(() => []),
  idealJourneys: z.array(ZIdealJourney).default(() => []),
  momentsOfTruth: z.array(ZMomentOfTruth).default(() => []),
  contactReasons: z.array(ZContactReason).default(() => []),
  routing: z.array(ZRoutingRule).default(() => []),
  friction: ZFrictionRules.prefault({}),
  feedback: ZFeedbackSettings.prefault({}),
  costModel: ZCostModel.prefault({}),
});
/** A validated workspace with every default filled in. */
export type TWorkspace = z.infer<typeof ZWorkspace>;
/** What a file (or a caller building one) may write: defaults may be left out. */
export type TWorkspaceInput = z.input<typeof ZWorkspace>;
