/** A readable Markdown summary of a discovery, for terminals and pasting into tickets. */
import type { TDiscovery } from '../model/discovery.js';

export function discoveryMarkdown(d: TDiscovery, title: string): string {
  const out: string[] = [`# Journeys in ${title}`, ''];
  out.push(
    `${fmt(d.cases)} journeys (cases), ${fmt(d.events)} events, ${fmt(d.activities)} activities, ${fmt(d.variantsTotal)} variants.`,
    '',
  );
  const durations = d.caseDurationSeconds;
  if (durations) {
    out.push(
      '## Journey duration',
      '',
      '| mean | median | min | max |',
      '|---:|---:|---:|---:|',
      `| ${duration(durations.mean)} | ${duration(durations.median)} | ${duration(durations.min)} | ${duration(durations.max)} |`,
      '',
    );
  }
  out.push('## Activities', '', '| activity | events | share |', '|---|---:|---:|');
  for (const [activity, n] of d.activityCounts)
    out.push(`| ${cell(activity)} | ${fmt(n)} | ${pct(n / d.events)} |`);
  out.push('', '## Start and end', '', '| activity | starts | ends |', '|---|---:|---:|');
  const ends = new Map(d.endActivities);
  const starts = new Map(d.startActivities);
  const names = [...new Set([...starts.keys(), ...ends.keys()])];
  for (const a of names)
    out.push(`| ${cell(a)} | ${fmt(starts.get(a) ?? 0)} | ${fmt(ends.get(a) ?? 0)} |`);
  out.push('', '## Top variants', '', '| # | journeys | share | steps |', '|---:|---:|---:|---|');
  d.topVariants.forEach((v, i) => {
    out.push(
      `| ${i + 1} | ${fmt(v.count)} | ${pct(v.share)} | ${cell(v.activities.join(' → '))} |`,
    );
  });
  out.push(
    '',
    '## Directly-follows graph',
    '',
    '| from | to | count | mean time between | median |',
    '|---|---|---:|---:|---:|',
  );
  for (const e of d.dfg) {
    out.push(
      `| ${cell(e.from)} | ${cell(e.to)} | ${fmt(e.count)} | ${duration(e.meanSeconds)} | ${duration(e.medianSeconds)} |`,
    );
  }
  return out.join('\n') + '\n';
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const pct = (f: number): string => (Number.isFinite(f) ? `${(f * 100).toFixed(1)}%` : '–');
const cell = (s: string): string => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** Seconds as a short human duration: 45s, 12m 5s, 3h 20m, 4d 6h. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}
