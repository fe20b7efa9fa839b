/**
 * Moments of truth: a scorecard for each moment the workspace declares, with what customers
 * said about it, and the moments the data proposes (impact × reach), marked when they are
 * already declared.
 */
import type { TFeedbackAnalysis } from '../../service/analyze-feedback.js';
import type { TMomentScore } from '../../service/analyze.js';
import type { TReportContext } from './context.js';
import { boundedTable, type TBlock, type TSection } from './document.js';
import { count, counted, percent } from './format.js';
import { headline, kindNames, kindOrder } from './satisfaction-format.js';

/** Each kind's headline with n: "CSAT 33.3% satisfied (9.7–70%, n 3); NPS n < 30". */
function satisfactionOf(d: TMomentScore, f: TFeedbackAnalysis): string {
  if (d.satisfaction.length === 0) return 'no answers';
  const name = kindNames(f);
  const scales = new Map(f.kinds.map((k) => [k.kind, k.scale]));
  return [...d.satisfaction]
    .sort((x, y) => kindOrder(x.kind, y.kind))
    .map((s) => headline(s, name(s.kind), f.minResponses, scales.get(s.kind)))
    .join('; ');
}

export function momentsSection({ analysis: a, labels }: TReportContext): TSection {
  const m = a.momentsOfTruth;
  const f = a.feedback;
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
          { label: 'satisfaction' },
        ],
        m.declared.map((d) => [
          d.name,
          d.kind === 'touchpoint' ? 'touchpoint' : 'rule',
          count(d.volume),
          count(d.customers),
          percent(d.successRate),
          percent(d.frictionRate),
          satisfactionOf(d, f),
        ]),
        m.declared.length,
        'moments',
      ),
      {
        kind: 'paragraph',
        text:
          'Success rate: the share of times the outcome was neither failed nor abandoned. Friction rate: the share of times that were a friction occurrence. ' +
          'Satisfaction: per survey kind, the answers about the touchpoint, or, for a rule, the answers tied to the journey it happened in, given at or after it.',
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
