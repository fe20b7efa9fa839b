/**
 * What an action's source names in the workspace: checks its ids, proposes the owning team
 * (the owner of its touchpoint) and the metric that measures it when the client gives none.
 * Pure: reads the workspace only.
 */
import type { TWorkspace } from '../../model/workspace-schema.js';
import { FRICTION_TYPES, type TFrictionType } from '../../model/gap-kinds.js';
import type { TMetricRef } from '../metrics/metric-ref.js';
import { ActionError } from './action-error.js';
import type { TActionSource } from './action-types.js';

const isFrictionType = (t: string): t is TFrictionType =>
  (FRICTION_TYPES as readonly string[]).includes(t);

/** The touchpoint a source is about, if it names one. */
export function sourceTouchpoint(source: TActionSource): string | null {
  switch (source.kind) {
    case 'friction':
    case 'deviation':
      return source.touchpoint;
    case 'opportunity':
      return source.touchpoint;
    case 'gap': {
      const [head, ...rest] = source.key.split('|');
      if (head === 'touchpoint') return rest[0] ?? null;
      if (head === 'friction') return rest[1] ?? null;
      if (head === 'deviation') return rest.join('|').split('\u0000')[3] || null;
      return null;
    }
  }
}

/** Throws when the source names a touchpoint, journey or friction type the workspace lacks. */
export function checkSource(workspace: TWorkspace, source: TActionSource): void {
  const touchpoint = sourceTouchpoint(source);
  const touchpoints = workspace.touchpoints.map((t) => t.id as string);
  if (touchpoint !== null && !touchpoints.includes(touchpoint)) {
    throw new ActionError(
      'invalid',
      `source.touchpoint: no touchpoint ${touchpoint} in the workspace`,
    );
  }
  const journey =
    source.kind === 'deviation'
      ? source.journey
      : source.kind === 'opportunity'
        ? source.journey
        : undefined;
  if (journey !== undefined && !workspace.idealJourneys.some((j) => j.id === journey)) {
    throw new ActionError(
      'invalid',
      `source.journey: no ideal journey ${journey} in the workspace`,
    );
  }
  if (
    source.kind === 'opportunity' &&
    source.source === 'friction' &&
    !isFrictionType(source.type)
  ) {
    throw new ActionError(
      'invalid',
      `source.type: ${source.type} is not a friction type (${FRICTION_TYPES.join(', ')})`,
    );
  }
  if (source.kind === 'gap' && !/^(friction|touchpoint|deviation)\|/.test(source.key)) {
    throw new ActionError(
      'invalid',
      'source.key: a gap key starts with friction|, touchpoint| or deviation| (as GET /api/analysis/feedback names it)',
    );
  }
}

/** The owner of the source's touchpoint. */
export function suggestTeam(workspace: TWorkspace, source: TActionSource): string | undefined {
  const touchpoint = sourceTouchpoint(source);
  return workspace.touchpoints.find((t) => t.id === touchpoint)?.owner;
}

/**
 * The metric that measures the source: a friction's own rate at its touchpoint; for a gap
 * about a touchpoint, the satisfaction there; for a deviation, the conversion of its
 * touchpoint's stage (the success rate there in the last stage).
 */
export function suggestMetric(workspace: TWorkspace, source: TActionSource): TMetricRef {
  const touchpoint = sourceTouchpoint(source);
  const frictionAt = (type: string, at: string | null): TMetricRef | undefined =>
    isFrictionType(type)
      ? { kind: 'friction', type, ...(at === null ? {} : { touchpoint: at }) }
      : undefined;
  let metric: TMetricRef | undefined;
  if (source.kind === 'friction') metric = frictionAt(source.type, source.touchpoint);
  else if (source.kind === 'opportunity' && source.source === 'friction') {
    metric = frictionAt(source.type, source.touchpoint);
  } else if (source.kind === 'gap') {
    const [head, type = ''] = source.key.split('|');
    if (head === 'friction') metric = frictionAt(type, touchpoint);
    else if (head === 'touchpoint' && touchpoint !== null) {
      metric = {
        kind: 'momentSatisfaction',
        moment: `touchpoint:${touchpoint}`,
        survey: source.survey,
      };
    }
  }
  if (metric === undefined && touchpoint !== null) {
    const stage = workspace.touchpoints.find((t) => t.id === touchpoint)?.stage;
    const k = stage === undefined ? -1 : workspace.stages.indexOf(stage);
    metric =
      stage !== undefined && k >= 0 && k < workspace.stages.length - 1
        ? { kind: 'stageConversion', stage }
        : { kind: 'momentSuccess', moment: `touchpoint:${touchpoint}` };
  }
  if (metric === undefined) {
    throw new ActionError(
      'invalid',
      'metric: the source names no touchpoint; give the metric to move',
    );
  }
  return metric;
}
