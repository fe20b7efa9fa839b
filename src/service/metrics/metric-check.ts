/**
 * Checks a metric reference against the workspace it is measured in: every id it names must
 * exist (touchpoint, stage, team, segment, moment rule, survey kind), and a stage conversion
 * needs a next stage. Errors name the field and say what the workspace has instead.
 */
import { FRICTION_SETTING } from '../../model/gap-kinds.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import { scalesOf } from '../analyze-feedback.js';
import type { TMetricRef } from './metric-ref.js';

export class MetricError extends Error {
  override name = 'MetricError';
  constructor(
    /** The field at fault, e.g. `metric.touchpoint` or `from`. */
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

const list = (ids: readonly string[]): string => (ids.length === 0 ? '(none)' : ids.join(', '));

function known(
  field: string,
  value: string | undefined,
  ids: readonly string[],
  what: string,
): void {
  if (value !== undefined && !ids.includes(value)) {
    throw new MetricError(field, `no ${what} ${value}; the workspace has ${list(ids)}`);
  }
}

function checkMoment(field: string, key: string, workspace: TWorkspace): void {
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  const id = key.slice(at + 1);
  if (kind === 'touchpoint') {
    known(
      field,
      id,
      workspace.touchpoints.map((t) => t.id),
      'touchpoint',
    );
  } else {
    known(
      field,
      id,
      workspace.momentsOfTruth.map((m) => m.id),
      'moment rule',
    );
  }
}

/** Throws a MetricError when the reference names something the workspace does not have. */
export function checkMetric(workspace: TWorkspace, ref: TMetricRef, prefix = 'metric'): void {
  switch (ref.kind) {
    case 'friction':
      if (!workspace.friction[FRICTION_SETTING[ref.type]].enabled) {
        throw new MetricError(
          `${prefix}.type`,
          `the ${ref.type} detector is disabled in the workspace`,
        );
      }
      known(
        `${prefix}.touchpoint`,
        ref.touchpoint,
        workspace.touchpoints.map((t) => t.id),
        'touchpoint',
      );
      known(`${prefix}.stage`, ref.stage, workspace.stages, 'stage');
      known(
        `${prefix}.team`,
        ref.team,
        workspace.teams.map((t) => t.id),
        'team',
      );
      known(
        `${prefix}.segment`,
        ref.segment,
        workspace.segments.map((s) => s.id),
        'segment',
      );
      return;
    case 'stageConversion': {
      known(`${prefix}.stage`, ref.stage, workspace.stages, 'stage');
      if (workspace.stages.indexOf(ref.stage) === workspace.stages.length - 1) {
        throw new MetricError(
          `${prefix}.stage`,
          `${ref.stage} is the last stage: it has no conversion to a next one`,
        );
      }
      return;
    }
    case 'momentSuccess':
      checkMoment(`${prefix}.moment`, ref.moment, workspace);
      return;
    case 'momentSatisfaction':
      checkMoment(`${prefix}.moment`, ref.moment, workspace);
      known(
        `${prefix}.survey`,
        ref.survey,
        scalesOf(workspace).map((s) => s.kind),
        'survey kind',
      );
      return;
  }
}
