/**
 * The opening of the voice of the customer: each survey kind in its measure with n and
 * interval, and how the answers were tied to the journey — per kind and method, the ones that
 * could not be tied and why, answers outside their scale and kinds without one. Nothing is
 * dropped silently.
 */
import type { TScale } from '../../model/workspace-schema.js';
import type { TFeedbackAnalysis } from '../../service/analyze-feedback.js';
import { boundedTable, type TBlock } from './document.js';
import { count, counted, NONE } from './format.js';
import { kindNames, kindOrder, scaleRange, tooFew, withInterval } from './satisfaction-format.js';

/** The methods of attribution, in the order they are tried, as a reader says them. */
const METHODS: [method: string, label: string][] = [
  ['touchpoint', 'named a touchpoint'],
  ['stage', 'named a stage'],
  ['nearest', 'latest step before the answer'],
  ['none', 'not tied'],
];

function measureName(measure: string, scale: TScale | null): string {
  if (measure === 'nps') return 'promoters − detractors';
  if (scale === null) return 'mean (no scale)';
  if (measure === 'satisfied share') {
    const from = scale.positiveFrom;
    return from === undefined ? 'satisfied' : `satisfied (${scaleRange({ ...scale, min: from })})`;
  }
  return `mean on ${scaleRange(scale)}`;
}

function kindsTable(f: TFeedbackAnalysis): TBlock {
  const name = kindNames(f);
  const kinds = [...f.kinds].sort((a, b) => kindOrder(a.kind, b.kind));
  return boundedTable(
    [
      { label: 'kind' },
      { label: 'measure' },
      { label: 'score (95% interval)', numeric: true },
      { label: 'mean score', numeric: true },
      { label: 'positive answers', numeric: true },
      { label: 'n', numeric: true },
      { label: 'customers', numeric: true },
    ],
    kinds.map((k) => {
      const shown = !k.suppressed;
      return [
        name(k.kind),
        measureName(k.measure, k.scale),
        shown && k.score !== null ? withInterval(k.measure, k.score) : tooFew(f.minResponses),
        shown && k.mean !== null ? withInterval('mean', k.mean) : NONE,
        shown && k.positiveShare !== null ? withInterval('satisfied share', k.positiveShare) : NONE,
        count(k.n),
        count(k.customers),
      ];
    }),
    kinds.length,
    'kinds',
  );
}

function attributionTable(f: TFeedbackAnalysis): TBlock {
  const name = kindNames(f);
  const kinds = [...new Set(f.attribution.map((r) => r.kind))].sort(kindOrder);
  const of = (kind: string, method: string): number =>
    f.attribution
      .filter((r) => r.kind === kind && r.method === method)
      .reduce((s, r) => s + r.responses, 0);
  return boundedTable(
    [
      { label: 'kind' },
      { label: 'responses', numeric: true },
      ...METHODS.map(([, label]) => ({ label, numeric: true })),
    ],
    kinds.map((kind) => [
      name(kind),
      count(METHODS.reduce((s, [method]) => s + of(kind, method), 0)),
      ...METHODS.map(([method]) => count(of(kind, method))),
    ]),
    kinds.length,
    'kinds',
  );
}

export function overviewBlocks(f: TFeedbackAnalysis): TBlock[] {
  const name = kindNames(f);
  const scaleOf = new Map(f.kinds.map((k) => [k.kind, k.scale]));
  const blocks: TBlock[] = [
    {
      kind: 'paragraph',
      text:
        `${counted(f.responses, 'survey response')}, lined up with the journey. Every figure has its n and 95% interval; ` +
        (f.minResponses > 1
          ? `a figure on fewer than ${counted(f.minResponses, 'answer')} shows as "${tooFew(f.minResponses)}"`
          : 'figures show from one answer up, so read the small ones with their interval') +
        ' (feedback.minResponses in journeylens.yaml).',
    },
    kindsTable(f),
    { kind: 'heading', text: 'How the answers were tied to the journey' },
    {
      kind: 'paragraph',
      text:
        'A response that names a touchpoint is about it; else one that names a stage is about the stage; ' +
        "else, for the kinds attributed by time (all but NPS unless configured), it is about the customer's latest step before the answer, within the attribution window.",
    },
    attributionTable(f),
  ];
  if (f.unattributed.length > 0) {
    blocks.push(
      boundedTable(
        [{ label: 'kind' }, { label: 'not tied because' }, { label: 'responses', numeric: true }],
        [...f.unattributed]
          .sort((a, b) => kindOrder(a.kind, b.kind) || b.responses - a.responses)
          .map((u) => [name(u.kind), u.reason, count(u.responses)]),
        f.unattributed.length,
        'reasons',
      ),
    );
  }
  if (f.outOfScale.length > 0) {
    const list = f.outOfScale.map((o) => {
      const scale = scaleOf.get(o.kind);
      const range = scale === null || scale === undefined ? '' : ` (scale ${scaleRange(scale)})`;
      return `${counted(o.responses, `${name(o.kind)} answer`)}${range}`;
    });
    blocks.push({
      kind: 'paragraph',
      text: `Left out of every figure, as outside their scale: ${list.join(', ')}.`,
    });
  }
  if (f.unscaledKinds.length > 0) {
    blocks.push({
      kind: 'paragraph',
      text:
        `Kinds without a scale: ${f.unscaledKinds.map(name).join(', ')}. Their mean is shown as imported; ` +
        'declare their range under feedback.scales in journeylens.yaml to see their share of positive answers and to place them on the emotion curves.',
    });
  }
  return blocks;
}
