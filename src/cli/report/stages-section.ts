/**
 * Shared stage metrics: one scorecard per stage, in lifecycle order, that every team owning a
 * part of the stage reads the same way — who enters, who moves on, how long it takes, how
 * many meet friction, and each team's share of the stage's steps.
 */
import type { TStageScore } from '../../service/analyze-stages.js';
import type { TReportContext } from './context.js';
import type { TCard, TSection } from './document.js';
import { count, duration, NONE, percent } from './format.js';
import type { TLabels } from './labels.js';

const meanAndMedian = (t: { mean: number | null; median: number | null } | null): string =>
  t === null || (t.mean === null && t.median === null)
    ? NONE
    : `${duration(t.median)} median, ${duration(t.mean)} mean`;

function card(s: TStageScore, labels: TLabels): TCard {
  return {
    title: s.stage,
    figures: [
      ['journeys', count(s.journeys)],
      ['customers', count(s.customers)],
      ['conversion to the next stage', percent(s.conversion)],
      ['time in stage', meanAndMedian(s.timeInStage)],
      ['time to the next stage', meanAndMedian(s.timeToNext)],
      ['customers with friction', percent(s.frictionRate)],
      [
        'teams (share of steps)',
        s.teams.length === 0
          ? NONE
          : s.teams.map((t) => `${labels.team(t.team)} ${percent(t.share)}`).join(', '),
      ],
    ],
  };
}

export function stagesSection({ analysis: a, labels }: TReportContext): TSection {
  return {
    id: 'stages',
    title: 'Stages',
    blocks: [
      {
        kind: 'paragraph',
        text:
          'One scorecard per stage, shared by the teams that own its touchpoints. Conversion: the share of journeys in the stage that reach the next one. ' +
          'Time in stage: from the first to the last step in it; time to the next stage: from entering it to entering the next, for journeys that do.',
      },
      {
        kind: 'chart',
        chart: {
          type: 'bars',
          title: 'Customers entering each stage',
          parts: ['customers'],
          bars: a.stages.map((s) => ({
            label: s.stage,
            parts: [s.customers],
            text: `${count(s.customers)} customers`,
          })),
        },
      },
      { kind: 'cards', label: 'stage', cards: a.stages.map((s) => card(s, labels)) },
    ],
  };
}
