/**
 * Renders the demo company's journeylens.yaml from the same catalogue the simulator uses, as a
 * hand-readable file: sections with comments, compact flow style for short items, and YAML
 * anchors so the per-segment copies of an ideal journey share one list of steps.
 */
import {
  CHANNELS,
  CHURN_RISK,
  COMPANY_NAME,
  CONTACT_REASONS,
  COST_TO_SERVE,
  CURRENCY,
  FRICTION,
  MOMENT_RULES,
  ROUTING,
  SEGMENTS,
  STAGES,
  TEAMS,
  type TCondition,
  type TSegmentRule,
} from './company.js';
import { DESIGNED_EMOTION, WORKSPACE_JOURNEYS, type TStep } from './ideal-journeys.js';
import { NPS_LOOKBACK_DAYS } from './feedback.js';
import { TOUCHPOINTS, type TTouchpoint } from './touchpoints.js';

const PLAIN = /^[A-Za-z][A-Za-z0-9 _.()&-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|y|n)$/i;

/** A YAML scalar: plain when unambiguous, otherwise single-quoted ('' escapes a quote). */
export function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  if (PLAIN.test(value) && !RESERVED.test(value) && !value.endsWith(' ')) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

const list = (values: readonly (string | number)[]): string =>
  `[${values.map(yamlScalar).join(', ')}]`;

function flow(
  entries: Record<string, string | number | boolean | readonly string[] | undefined>,
): string {
  const parts = Object.entries(entries)
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) =>
        `${k}: ${Array.isArray(v) ? list(v as readonly string[]) : yamlScalar(v as string | number | boolean)}`,
    );
  return `{ ${parts.join(', ')} }`;
}

function condition(c: TCondition): string {
  const value = Array.isArray(c.value)
    ? list(c.value as readonly string[])
    : yamlScalar(c.value as string | number);
  return `{ attribute: ${c.attribute}, op: ${c.op}, value: ${value} }`;
}

function rule(r: TSegmentRule): string {
  return r === 'always' ? 'always' : `{ all: [${r.all.map(condition).join(', ')}] }`;
}

function touchpoint(t: TTouchpoint, out: string[]): void {
  out.push(`  - id: ${t.id}`, `    name: ${yamlScalar(t.name)}`, `    stage: ${t.stage}`);
  out.push(`    channel: ${t.channel}`, `    owner: ${t.owner}`);
  if (t.layer === 'backstage') out.push('    layer: backstage');
  if (t.upstream.length > 0) out.push(`    upstream: ${list(t.upstream)}`);
  if (t.downstream.length > 0) out.push(`    downstream: ${list(t.downstream)}`);
  out.push(`    activities: ${list([...t.activities, ...t.patterns])}`);
  if (t.momentOfTruth) out.push('    momentOfTruth: true');
}

function step(s: TStep): string {
  return flow({
    touchpoint: s.touchpoint,
    optional: s.optional,
    repeatable: s.repeatable,
    emotion: DESIGNED_EMOTION[s.touchpoint],
  });
}

/** The complete workspace file. */
export function workspaceYaml(): string {
  const out: string[] = [
    `# ${COMPANY_NAME}: the Journeylens demo workspace.`,
    '#',
    '# An omnichannel home & living retailer: webshop, app, 46 stores in the Netherlands,',
    '# Belgium and Germany, and a business desk for offices and hotels. `journeylens demo`',
    '# writes this file from the catalogue in demo/ (the one that also generated data/), so the',
    '# model and the data agree. Edit it like any workspace: it is not regenerated on load.',
    'version: 1',
    `name: ${COMPANY_NAME}`,
    'description: Demo company with seeded, known frictions (see ground-truth.json).',
    'settings:',
    '  timezone: UTC                   # the extract has UTC timestamps (with Z)',
    '  inactivityGapDays: 30           # only used for events without a case id',
    `  currency: ${CURRENCY}`,
    '',
    '# The customer lifecycle, in order.',
    `stages: ${list(STAGES)}`,
    '# courier = at the door: delivery attempts, assembly visits, parcels coming back.',
    `channels: ${list(CHANNELS)}`,
    '',
    '# The silos that own touchpoints.',
    'teams:',
    ...TEAMS.map((t) => `  - ${flow({ id: t.id, name: t.name })}`),
    '',
    '# Segments are rules over customers.csv; the first match wins, so order is priority.',
    'segments:',
  ];
  for (const s of SEGMENTS) {
    out.push(
      `  - id: ${s.id}`,
      `    name: ${yamlScalar(s.name)}`,
      `    description: ${yamlScalar(s.description)}`,
    );
    out.push(
      `    serviceTier: ${s.serviceTier}`,
      `    annualValue: ${s.annualValue}`,
      `    rule: ${rule(s.rule)}`,
    );
  }

  out.push(
    '',
    '# Touchpoints by stage. activities: exact raw names, or /regex/flags patterns.',
    'touchpoints:',
  );
  let stage = '';
  for (const t of TOUCHPOINTS) {
    if (t.stage !== stage) out.push(`  # ${(stage = t.stage)}`);
    touchpoint(t, out);
  }

  out.push(
    '',
    '# Ideal journeys. A journey belongs to one segment, so a design shared by several',
    '# segments appears once per segment; the copies share their steps through a YAML anchor.',
    'idealJourneys:',
  );
  const anchored = new Set<string>();
  for (const j of WORKSPACE_JOURNEYS) {
    out.push(`  - id: ${j.id}`, `    name: ${yamlScalar(j.name)}`, `    segment: ${j.segment}`);
    if (anchored.has(j.design)) {
      out.push(`    steps: *${j.design}`);
      continue;
    }
    anchored.add(j.design);
    out.push(`    steps: &${j.design}`, ...j.steps.map((s) => `      - ${step(s)}`));
  }

  out.push(
    '',
    '# Rule-defined moments of truth (touchpoints flagged momentOfTruth are the others).',
  );
  out.push('momentsOfTruth:');
  for (const m of MOMENT_RULES) {
    out.push(`  - id: ${m.id}`, `    name: ${yamlScalar(m.name)}`);
    const r = m.rule as Record<string, string | number | readonly string[]>;
    out.push(`    rule: ${flow(r)}`);
  }

  out.push('', '# Contact reasons: events carry them as primary/secondary.', 'contactReasons:');
  for (const r of CONTACT_REASONS) {
    out.push(`  - id: ${r.id}`, `    name: ${yamlScalar(r.name)}`, '    secondary:');
    for (const [id, name] of r.secondary) out.push(`      - ${flow({ id, name })}`);
  }

  out.push('', '# Routing for CRM and IVR: the first matching rule wins.', 'routing:');
  for (const r of ROUTING) {
    out.push(`  - id: ${r.id}`, `    description: ${yamlScalar(r.description)}`);
    out.push(`    when: ${Object.keys(r.when).length === 0 ? '{}' : flow(r.when)}`);
    out.push(`    treatment: ${r.treatment}`, `    fields: ${list(r.fields)}`);
  }

  const f = FRICTION;
  out.push(
    '',
    '# Friction thresholds used by the analysis.',
    'friction:',
    `  repeatContact: ${flow(f.repeatContact)}`,
    `  loop: ${flow(f.loop)}`,
    `  channelSwitch: ${flow(f.channelSwitch)}`,
    `  handoff: ${flow(f.handoff)}`,
    '  wait:',
    `    defaultSeconds: ${f.wait.defaultSeconds}`,
    '    serviceLevels:                # delivery within 72 h of the order; refund within a week of the return',
    ...f.wait.serviceLevels.map((s) => `      - ${flow(s)}`),
    `  failure: ${flow(f.failure)}`,
    `  abandonment: ${flow(f.abandonment)}`,
    '',
    '# Surveys: CSAT and CES name their touchpoint; relationship NPS is compared on the',
    '# frictions of the year before each answer.',
    'feedback:',
    `  lookbackDays: ${NPS_LOOKBACK_DAYS}`,
    '',
    `# Cost to serve one contact, visit or delivery attempt, by channel (${CURRENCY}).`,
    'costModel:',
    `  costToServe: ${flow(COST_TO_SERVE)}`,
    `  churnRisk: ${CHURN_RISK}            # chance that one friction occurrence loses the customer`,
    '',
  );
  return out.join('\n');
}
