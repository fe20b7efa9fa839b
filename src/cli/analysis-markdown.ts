/** The journey analysis as Markdown: the same sections as the JSON, for reading and pasting. */
import type { TAnalysis } from '../service/analyze.js';
import { duration } from './discovery-markdown.js';

const n = (x: number): string => x.toLocaleString('en-US');
const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`;
const money = (x: number): string => Math.round(x).toLocaleString('en-US');
const cell = (s: string | null | undefined): string => (s ?? '–').replaceAll('|', '\\|');

export function analysisMarkdown(a: TAnalysis, currency: string): string {
  const out: string[] = [`# Journey analysis: ${a.workspace}`, ''];
  const j = a.journeys;
  out.push(
    `${n(j.journeys)} journeys of ${n(j.customers)} customers, ${n(j.events)} events (${pct(j.mappedShare)} mapped to touchpoints).`,
    '',
  );
  if (j.unmapped.length > 0) {
    out.push('## Unmapped activities', '', '| activity | events | customers |', '|---|---:|---:|');
    for (const u of j.unmapped.slice(0, 20))
      out.push(`| ${cell(u.activity)} | ${n(u.events)} | ${n(u.customers)} |`);
    out.push('');
  }
  out.push(
    '## Opportunities',
    '',
    `| # | friction | touchpoint | team | per year (${currency}) | cost to serve | revenue at risk | assumptions |`,
    '|---:|---|---|---|---:|---:|---:|---|',
  );
  a.opportunities.slice(0, 20).forEach((o, i) => {
    const as = o.assumptions;
    const notes = [
      `${money(as.costPerOccurrence)} per occurrence (${as.costSource})`,
      `churn risk ${pct(as.churnRisk)}`,
      ...as.missing,
    ].join('; ');
    out.push(
      `| ${i + 1} | ${o.type} | ${cell(o.touchpoint)} | ${cell(o.teams.join(', '))} | ${money(o.totalPerYear)} | ${money(o.costToServePerYear)} | ${money(o.revenueAtRiskPerYear)} | ${cell(notes)} |`,
    );
  });
  out.push(
    '',
    '## Friction',
    '',
    '| type | touchpoint | stage | team | occurrences | customers | per month (last 3) |',
    '|---|---|---|---|---:|---:|---|',
  );
  for (const f of a.friction) {
    const recent = f.perMonth
      .slice(-3)
      .map((p) => `${p.period.slice(0, 7)}: ${n(p.occurrences)}`)
      .join(', ');
    out.push(
      `| ${f.type} | ${cell(f.touchpoint)} | ${cell(f.stage)} | ${cell(f.team)} | ${n(f.occurrences)} | ${n(f.customers)} | ${recent} |`,
    );
  }
  out.push(
    '',
    `Ping-pong between teams: ${n(a.pingPong.journeys)} journeys of ${n(a.pingPong.customers)} customers.`,
    '',
  );
  out.push(
    '## Conformance to the ideal journeys',
    '',
    '| segment | ideal journey | journeys | mean fitness | perfectly fitting |',
    '|---|---|---:|---:|---:|',
  );
  for (const c of a.conformance.byJourney) {
    out.push(
      `| ${cell(c.segment)} | ${cell(c.journeyId)} | ${n(c.journeys)} | ${c.meanFitness === undefined ? '–' : c.meanFitness.toFixed(3)} | ${pct(c.perfectShare)} |`,
    );
  }
  for (const c of a.conformance.noIdealJourney)
    out.push(`| ${cell(c.segment)} | (no ideal journey) | ${n(c.journeys)} | – | – |`);
  out.push(
    '',
    '| ideal journey | deviation | touchpoint | journeys | share |',
    '|---|---|---|---:|---:|',
  );
  for (const d of [...a.conformance.deviations]
    .sort((x, y) => y.journeys - x.journeys)
    .slice(0, 30)) {
    out.push(
      `| ${cell(d.journeyId)} | ${d.kind} | ${cell(d.touchpoint)} | ${n(d.journeys)} | ${pct(d.share)} |`,
    );
  }
  out.push(
    '',
    '## Stages',
    '',
    '| stage | customers | conversion to next | median time in stage | friction rate | teams |',
    '|---|---:|---:|---:|---:|---|',
  );
  for (const s of a.stages) {
    const teams = s.teams.map((t) => `${t.team ?? '–'} ${pct(t.share)}`).join(', ');
    out.push(
      `| ${s.stage} | ${n(s.customers)} | ${pct(s.conversion)} | ${s.timeInStage.median === null ? '–' : duration(s.timeInStage.median)} | ${pct(s.frictionRate)} | ${cell(teams)} |`,
    );
  }
  out.push(
    '',
    '## Moments of truth (declared)',
    '',
    '| touchpoint | volume | customers | success rate | friction rate |',
    '|---|---:|---:|---:|---:|',
  );
  for (const m of a.momentsOfTruth.declared)
    out.push(
      `| ${cell(m.name)} | ${n(m.volume)} | ${n(m.customers)} | ${pct(m.successRate)} | ${pct(m.frictionRate)} |`,
    );
  return out.join('\n') + '\n';
}
