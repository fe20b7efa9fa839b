/**
 * A reference to a metric of the experience that an action must move or an alert watches:
 * a friction's rate, a stage's conversion, a moment of truth's success rate or satisfaction.
 * A reference names WHAT is measured; `measureMetric` (measure.ts) measures it for a period
 * with the same definitions as the full analysis. Pure and free of Node code: the web app
 * reads these types too.
 */
import { z } from 'zod';
import { FRICTION_TYPES, type TFrictionType } from '../../model/gap-kinds.js';

/** How a friction is counted: customers affected, or occurrences per 1,000 journeys. */
export const FRICTION_PER = ['customer', 'journeys'] as const;

const id = (what: string) =>
  z
    .string({ error: `${what} must be a text id` })
    .trim()
    .min(1, { error: `${what} must not be empty` });

/** `touchpoint:<id>` (every step there) or `rule:<id>` (a rule-defined moment). */
export const ZMomentKey = z
  .string({ error: 'moment must be a text key' })
  .regex(/^(touchpoint|rule):.+$/, {
    error: 'moment must be touchpoint:<touchpoint id> or rule:<moment rule id>',
  });

export const ZFrictionMetric = z.strictObject({
  kind: z.literal('friction'),
  /** One friction detector type. */
  type: z.enum(FRICTION_TYPES, {
    error: `type must be one of ${FRICTION_TYPES.join(', ')}`,
  }),
  /** `customer` (default): share of active customers affected; `journeys`: per 1,000 journeys. */
  per: z.enum(FRICTION_PER, { error: 'per must be customer or journeys' }).optional(),
  touchpoint: id('touchpoint').optional(),
  team: id('team').optional(),
  segment: id('segment').optional(),
  stage: id('stage').optional(),
});

export const ZStageConversionMetric = z.strictObject({
  kind: z.literal('stageConversion'),
  stage: id('stage'),
});

export const ZMomentSuccessMetric = z.strictObject({
  kind: z.literal('momentSuccess'),
  moment: ZMomentKey,
});

export const ZMomentSatisfactionMetric = z.strictObject({
  kind: z.literal('momentSatisfaction'),
  moment: ZMomentKey,
  /** The survey kind: csat, nps, ces or a declared custom kind. */
  survey: id('survey'),
});

export const ZMetricRef = z.discriminatedUnion(
  'kind',
  [ZFrictionMetric, ZStageConversionMetric, ZMomentSuccessMetric, ZMomentSatisfactionMetric],
  { error: 'kind must be friction, stageConversion, momentSuccess or momentSatisfaction' },
);

export type TFrictionMetric = z.infer<typeof ZFrictionMetric>;
export type TStageConversionMetric = z.infer<typeof ZStageConversionMetric>;
export type TMomentSuccessMetric = z.infer<typeof ZMomentSuccessMetric>;
export type TMomentSatisfactionMetric = z.infer<typeof ZMomentSatisfactionMetric>;
export type TMetricRef = z.infer<typeof ZMetricRef>;
export type TMetricKind = TMetricRef['kind'];

/** Which way is better: a friction falls, everything else rises. */
export function lowerIsBetter(ref: TMetricRef): boolean {
  return ref.kind === 'friction';
}

/** Display names of the ids a metric names (from the workspace); ids are shown when absent. */
export type TMetricNames = {
  touchpoints?: Record<string, string>;
  teams?: Record<string, string>;
  segments?: Record<string, string>;
  moments?: Record<string, string>;
};

const FRICTION_WORDS: Record<TFrictionType, string> = {
  repeat_contact: 'repeat-contact',
  loop: 'loop',
  channel_switch: 'channel-switch',
  handoff: 'hand-off',
  wait: 'wait',
  failure: 'failure',
  abandonment: 'abandonment',
};

/**
 * The metric in words, for lists, alerts and audit lines.
 * @example describeMetric({ kind: 'friction', type: 'repeat_contact', touchpoint: 'call' })
 *   // "repeat-contact rate (customers affected) at call"
 */
export function describeMetric(ref: TMetricRef, names: TMetricNames = {}): string {
  const name = (map: Record<string, string> | undefined, key: string): string => map?.[key] ?? key;
  const moment = (key: string): string => {
    const [kind, ...rest] = key.split(':');
    const local = rest.join(':');
    return (
      names.moments?.[key] ??
      (kind === 'touchpoint' ? name(names.touchpoints, local) : `moment ${local}`)
    );
  };
  switch (ref.kind) {
    case 'friction': {
      const per = ref.per === 'journeys' ? 'per 1,000 journeys' : 'customers affected';
      const where = [
        ref.touchpoint === undefined ? '' : ` at ${name(names.touchpoints, ref.touchpoint)}`,
        ref.stage === undefined ? '' : ` in ${ref.stage}`,
        ref.team === undefined ? '' : ` of team ${name(names.teams, ref.team)}`,
        ref.segment === undefined ? '' : ` for ${name(names.segments, ref.segment)}`,
      ].join('');
      return `${FRICTION_WORDS[ref.type]} rate (${per})${where}`;
    }
    case 'stageConversion':
      return `conversion of ${ref.stage}`;
    case 'momentSuccess':
      return `success rate of ${moment(ref.moment)}`;
    case 'momentSatisfaction':
      return `${ref.survey.toUpperCase()} at ${moment(ref.moment)}`;
  }
}

/** The teams that own what a metric measures, from the workspace's touchpoints. */
export function metricTeams(
  ref: TMetricRef,
  touchpoints: readonly { id: string; owner: string; stage: string }[],
): string[] {
  const owners = (pick: (t: { id: string; stage: string }) => boolean): string[] =>
    [...new Set(touchpoints.filter(pick).map((t) => t.owner))].sort();
  switch (ref.kind) {
    case 'friction':
      if (ref.team !== undefined) return [ref.team];
      if (ref.touchpoint !== undefined) return owners((t) => t.id === ref.touchpoint);
      if (ref.stage !== undefined) return owners((t) => t.stage === ref.stage);
      return [];
    case 'stageConversion':
      return owners((t) => t.stage === ref.stage);
    case 'momentSuccess':
    case 'momentSatisfaction': {
      const [kind, ...rest] = ref.moment.split(':');
      return kind === 'touchpoint' ? owners((t) => t.id === rest.join(':')) : [];
    }
  }
}
