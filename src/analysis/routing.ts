/**
 * Routing by contact reason: which treatment a contact gets, why, and the minimal fields the
 * frontline needs. The routing rules of the workspace are tried in order and the first whose
 * `when` fits wins; the customer's live context (their earlier contacts, and what the caller
 * knows) can then move the answer, by the rules in `applyLiveContext` below
 * (docs/routing.md says the same in words). Pure: no I/O; the caller passes the earlier
 * contacts and the time.
 *
 * Hot path: `compileRouter` does the per-workspace work once (cached per workspace object);
 * `routeContact` then costs a few string comparisons per rule.
 */
import { didYouMean } from '../model/workspace-errors.js';
import type { TTreatment, TWorkspace } from '../model/workspace-schema.js';

/** A contact reason as asked: a primary reason and, when known, one of its secondary reasons. */
export type TReason = { primary: string; secondary?: string | undefined };

/** One earlier contact of the customer, as the live context keeps it. */
export type TEarlierContact = {
  /** When it happened, epoch milliseconds. */
  ts: number;
  /** `primary` or `primary/secondary` as the event carried it; null when it had none. */
  reason: string | null;
  channel: string | null;
  /** The event's outcome: ok, failed, abandoned, or null. */
  outcome: string | null;
};

export type TRouteInput = {
  /** The customer's segment id; undefined when they belong to none. */
  segment: string | undefined;
  reason: TReason;
  channel: string;
  /** The time of this contact, epoch milliseconds. */
  now: number;
  /** The customer's earlier contacts (any order; those outside the window are ignored). */
  earlier: readonly TEarlierContact[];
  /** The caller knows of an unresolved problem (an open complaint or case). */
  openFriction: boolean;
};

type TRule = {
  id: string;
  description: string | undefined;
  segment: string | undefined;
  primary: string | undefined;
  /** Only with `primary`: the rule names `primary/secondary`. */
  secondary: string | undefined;
  channel: string | undefined;
  treatment: TTreatment;
  fields: readonly string[];
  /** The conditions in words, for `why`. */
  label: string;
};

/** A workspace's routing, prepared once for fast decisions. */
export type TRouter = {
  rules: readonly TRule[];
  /** Primary reason id → its secondary reason ids, in workspace order. */
  reasons: ReadonlyMap<string, readonly string[]>;
  channels: ReadonlySet<string>;
  /** Segment id → service tier. */
  tiers: ReadonlyMap<string, string>;
  repeatContact: TWorkspace['friction']['repeatContact'];
  /** How far back the live context must look, in milliseconds. */
  windowMs: number;
};

/** What no rule decides: a person can handle any contact. */
export const DEFAULT_TREATMENT: TTreatment = 'human';
/** The service tier whose customers in friction are put through to a person first. */
export const PREMIUM_TIER = 'premium';
const DAY_MS = 86_400_000;
const OUTCOMES_UNRESOLVED: ReadonlySet<string> = new Set(['failed', 'abandoned']);

/** How many days of contacts the live context must keep for this workspace's rules. */
export function liveWindowDays(workspace: Pick<TWorkspace, 'friction'>): number {
  // Both the repeat-contact count and the unresolved-contact check look this far back.
  return workspace.friction.repeatContact.withinDays;
}

const compiled = new WeakMap<TWorkspace, TRouter>();

/** The router of a workspace (built once per workspace object). */
export function compileRouter(workspace: TWorkspace): TRouter {
  const hit = compiled.get(workspace);
  if (hit !== undefined) return hit;
  const rules = workspace.routing.map((r): TRule => {
    const [primary, secondary] = r.when.reason?.split('/') ?? [];
    const parts = [
      r.when.segment === undefined ? undefined : `segment ${r.when.segment}`,
      r.when.reason === undefined ? undefined : `reason ${r.when.reason}`,
      r.when.channel === undefined ? undefined : `channel ${r.when.channel}`,
    ].filter((p) => p !== undefined);
    return {
      id: r.id,
      description: r.description,
      segment: r.when.segment,
      primary,
      secondary,
      channel: r.when.channel,
      treatment: r.treatment,
      fields: r.fields,
      label: parts.length === 0 ? 'every contact' : parts.join(', '),
    };
  });
  const router: TRouter = {
    rules,
    reasons: new Map(workspace.contactReasons.map((r) => [r.id, r.secondary.map((s) => s.id)])),
    channels: new Set(workspace.channels),
    tiers: new Map(workspace.segments.map((s) => [s.id as string, s.serviceTier])),
    repeatContact: workspace.friction.repeatContact,
    windowMs: liveWindowDays(workspace) * DAY_MS,
  };
  compiled.set(workspace, router);
  return router;
}

/** A request the taxonomy or the channel list does not know: answered 400, naming what is known. */
export type TRoutingProblem = { field: 'reason' | 'channel'; message: string; known: string[] };

/** Null when the reason and channel are known to the workspace, else what is wrong. */
export function checkContact(
  router: TRouter,
  reason: TReason,
  channel: string,
): TRoutingProblem | null {
  const secondaries = router.reasons.get(reason.primary);
  if (secondaries === undefined) {
    const known = [...router.reasons.keys()];
    return {
      field: 'reason',
      known,
      message:
        known.length === 0
          ? `unknown contact reason ${JSON.stringify(reason.primary)}: the workspace has no contact reasons`
          : `unknown contact reason ${JSON.stringify(reason.primary)}${didYouMean(reason.primary, known)}; ` +
            `the primary reasons are ${known.join(', ')}`,
    };
  }
  if (reason.secondary !== undefined && !secondaries.includes(reason.secondary)) {
    const known = secondaries.map((s) => `${reason.primary}/${s}`);
    return {
      field: 'reason',
      known,
      message:
        `unknown secondary reason ${JSON.stringify(reason.secondary)} of ${JSON.stringify(reason.primary)}` +
        didYouMean(reason.secondary, secondaries) +
        (secondaries.length === 0
          ? `; ${JSON.stringify(reason.primary)} has no secondary reasons`
          : `; its secondary reasons are ${secondaries.join(', ')}`),
    };
  }
  if (!router.channels.has(channel)) {
    const known = [...router.channels];
    return {
      field: 'channel',
      known,
      message: `unknown channel ${JSON.stringify(channel)}${didYouMean(channel, known)}; the channels are ${known.join(', ')}`,
    };
  }
  return null;
}

/** `primary/secondary`, or `primary` alone. */
export function reasonKey(reason: TReason): string {
  return reason.secondary === undefined ? reason.primary : `${reason.primary}/${reason.secondary}`;
}

function matches(rule: TRule, input: TRouteInput): boolean {
  if (rule.segment !== undefined && rule.segment !== input.segment) return false;
  if (rule.channel !== undefined && rule.channel !== input.channel) return false;
  if (rule.primary !== undefined) {
    if (rule.primary !== input.reason.primary) return false;
    if (rule.secondary !== undefined && rule.secondary !== input.reason.secondary) return false;
  }
  return true;
}

/** What the live context says about the customer at the time of this contact. */
export type TLiveFriction = {
  /** This contact's place among the customer's contacts in the window (this one counted). */
  contacts: number;
  /** At least `friction.repeatContact.count` contacts within its window (when enabled). */
  repeatContact: boolean;
  /** The latest earlier contact on the same primary reason in the window failed or was abandoned. */
  unresolvedContact: { ts: number; outcome: string; reason: string } | null;
  /** The caller said the customer has an open problem. */
  declared: boolean;
  /** Any of the three: the customer is in a friction. */
  active: boolean;
};

function primaryOf(reason: string): string {
  const slash = reason.indexOf('/');
  return slash < 0 ? reason : reason.slice(0, slash);
}

/**
 * Whether an earlier contact is on the same reason as this one: the same `primary/secondary`,
 * or, when this contact names only its primary, any contact with that primary.
 */
function sameReason(earlier: string | null, reason: TReason): boolean {
  if (earlier === null) return false;
  if (reason.secondary === undefined) return primaryOf(earlier) === reason.primary;
  return earlier === `${reason.primary}/${reason.secondary}`;
}

/**
 * The customer's friction at this contact, from their earlier contacts within the live window
 * `[now − withinDays, now]` (the bounds of the repeat-contact detector, both included).
 */
export function liveFriction(router: TRouter, input: TRouteInput): TLiveFriction {
  const since = input.now - router.windowMs;
  const { repeatContact: r } = router;
  let contacts = 1;
  let latest: TEarlierContact | undefined;
  for (const e of input.earlier) {
    if (e.ts < since || e.ts > input.now) continue;
    if (!r.sameReason || sameReason(e.reason, input.reason)) contacts++;
    if (e.reason !== null && primaryOf(e.reason) === input.reason.primary) {
      if (latest === undefined || e.ts >= latest.ts) latest = e;
    }
  }
  const repeat = r.enabled && contacts >= r.count;
  const unresolved =
    latest !== undefined && latest.outcome !== null && OUTCOMES_UNRESOLVED.has(latest.outcome)
      ? { ts: latest.ts, outcome: latest.outcome, reason: latest.reason ?? '' }
      : null;
  return {
    contacts,
    repeatContact: repeat,
    unresolvedContact: unresolved,
    declared: input.openFriction,
    active: repeat || unresolved !== null || input.openFriction,
  };
}

/** A change the live context made to the rule's answer. */
export type TAdjustment =
  | { kind: 'skip-self-service'; from: TTreatment; to: TTreatment; rule: string | null }
  | { kind: 'premium-priority'; from: TTreatment; to: TTreatment };

export type TRoutingDecision = {
  treatment: TTreatment;
  /** The first rule that matched; null when none did (the default treatment). */
  rule: string | null;
  /** The treatment of that rule (or the default) before the live context. */
  baseTreatment: TTreatment;
  /** The minimal fields the frontline needs, in order, without repeats. */
  fields: string[];
  /** The decision in one readable sentence. */
  why: string;
  segment: string | null;
  serviceTier: string | null;
  friction: TLiveFriction;
  adjustments: TAdjustment[];
};

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function frictionWords(router: TRouter, f: TLiveFriction, reason: TReason): string {
  const words: string[] = [];
  if (f.repeatContact) {
    const days = router.repeatContact.withinDays;
    const about = router.repeatContact.sameReason ? ` about ${reasonKey(reason)}` : '';
    words.push(`${ordinal(f.contacts)} contact${about} within ${days} days (repeat contact)`);
  }
  if (f.unresolvedContact !== null) {
    const u = f.unresolvedContact;
    words.push(`the last contact about ${u.reason} ended ${u.outcome}`);
  }
  if (f.declared) words.push('an open friction reported by the caller');
  return words.join(' and ');
}

function ruleWords(rule: TRule): string {
  const about = rule.description === undefined ? '' : `: ${rule.description}`;
  return `rule "${rule.id}" (${rule.label}${about})`;
}

/**
 * Routes one contact: the first rule whose `when` fits, then the live context.
 *
 * The live context, precisely: the customer is *in friction* when this contact is a repeat
 * contact by the workspace's `friction.repeatContact` (this one counted, the same bounds as
 * the detector), when their latest earlier contact on the same primary reason within that
 * window ended `failed` or `abandoned`, or when the caller says so (`openFriction`). Then:
 * 1. a customer in friction never gets self-service: the search goes on down the rules for the
 *    next one that fits and is not self-service (its fields are added), else `human`;
 * 2. a customer of a `premium` tier in friction gets a person first: any treatment but
 *    `human-specialist` and `human-priority` becomes `human-priority`.
 * A customer not in friction gets exactly what the first rule says.
 */
export function routeContact(router: TRouter, input: TRouteInput): TRoutingDecision {
  const rules = router.rules;
  let index = 0;
  while (index < rules.length && !matches(rules[index] as TRule, input)) index++;
  const first = rules[index];
  const base = first?.treatment ?? DEFAULT_TREATMENT;
  const fields = new Set(first?.fields ?? []);
  const friction = liveFriction(router, input);
  const tier = input.segment === undefined ? null : (router.tiers.get(input.segment) ?? null);
  const adjustments: TAdjustment[] = [];
  const segmentWords = input.segment === undefined ? 'no segment' : `segment ${input.segment}`;
  const why = [
    first === undefined
      ? `no routing rule fits ${segmentWords}, reason ${reasonKey(input.reason)}, channel ${input.channel}: the default is ${DEFAULT_TREATMENT}`
      : `${ruleWords(first)} → ${base}`,
  ];
  let treatment = base;
  if (friction.active && treatment === 'self-service') {
    let next = index + 1;
    while (
      next < rules.length &&
      (rules[next]?.treatment === 'self-service' || !matches(rules[next] as TRule, input))
    )
      next++;
    const fallback = rules[next];
    treatment = fallback?.treatment ?? DEFAULT_TREATMENT;
    for (const f of fallback?.fields ?? []) fields.add(f);
    adjustments.push({
      kind: 'skip-self-service',
      from: 'self-service',
      to: treatment,
      rule: fallback?.id ?? null,
    });
    why.push(
      `${frictionWords(router, friction, input.reason)}, so no self-service: ` +
        (fallback === undefined
          ? `no later rule offers help, so ${treatment}`
          : `the next rule that fits, ${ruleWords(fallback)} → ${treatment}`),
    );
  }
  if (
    friction.active &&
    tier === PREMIUM_TIER &&
    treatment !== 'human-specialist' &&
    treatment !== 'human-priority'
  ) {
    adjustments.push({ kind: 'premium-priority', from: treatment, to: 'human-priority' });
    why.push(
      (adjustments.length > 1
        ? 'a premium customer'
        : `${frictionWords(router, friction, input.reason)}: a premium customer`) +
        ` in friction goes to a person first → human-priority`,
    );
    treatment = 'human-priority';
  }
  return {
    treatment,
    rule: first?.id ?? null,
    baseTreatment: base,
    fields: [...fields],
    why: why.join('; '),
    segment: input.segment ?? null,
    serviceTier: tier,
    friction,
    adjustments,
  };
}
