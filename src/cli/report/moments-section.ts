/**
 * Moments of truth: a scorecard for each moment the workspace declares, and the moments the
 * data proposes (impact × reach), marked when they are already declared.
 */
import type { TReportContext } from './context.js';
import { boundedTable, type TBlock, type TSection } from './document.js';
import { count, counted, percent } from './format.js';

export function momentsSection({ analysis: a, labels }: TReportContext): TSection {
  const m = a.momentsOfTruth;
  const blocks: TBlock[] = [{ kind: 'heading', text: 'Declared' }];
  if (m.declared.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: 'The workspace declares no moment of truth: flag touchpoints with momentOfTruth: true, or add rules under momentsOfTruth in journeylens.yaml.',
    });
  } else {
    blocks.push(
      boundedTable(
        [
          { label: 'moment of truth' },
          { label: 'kind' },
          { label: 'times', numeric: true },
          { label: 'customers', numeric: true },
          { label: 'success rate', numeric: true },
          { label: 'friction rate', numeric: true },
        ],
        m.declared.map((d) => [
          d.name,
          d.kind === 'touchpoint' ? 'touchpoint' : 'rule',
          count(d.volume),
          count(d.customers),
          percent(d.successRate),
          percent(d.frictionRate),
        ]),
        m.declared.length,
        'moments',
      ),
      {
        kind: 'paragraph',
        text: 'Success rate: the share of times the outcome was neither failed nor abandoned. Friction rate: the share of times that were a friction occurrence.',
      },
    );
  }
  blocks.push({ kind: 'heading', text: 'Proposed from the data' });
  if (m.proposed.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No touchpoint gave customers a bad experience.' });
  } else {
    const undeclared = m.proposed.filter((p) => !p.declared).length;
    blocks.push(
      {
        kind: 'paragraph',
        text: `The top ${counted(m.proposed.length, 'touchpoint')} by ${m.method}. ${count(undeclared)} of them ${undeclared === 1 ? 'is' : 'are'} not declared as moments of truth.`,
      },
      boundedTable(
        [
          { label: '#', numeric: true },
          { label: 'touchpoint' },
          { label: 'stage' },
          { label: 'owning team' },
          { label: 'customers reached', numeric: true },
          { label: 'with a bad experience', numeric: true },
          { label: 'impact', numeric: true },
          { label: 'declared' },
        ],
        m.proposed.map((p, i) => [
          String(i + 1),
          p.name,
          p.stage,
          labels.team(p.team),
          count(p.reached),
          count(p.badExperiences),
          percent(p.impact),
          p.declared ? 'yes' : 'no',
        ]),
        m.proposed.length,
        'moments',
      ),
    );
  }
  return { id: 'moments-of-truth', title: 'Moments of truth', blocks };
}
