/**
 * Verbatim themes and sentiment on real customer text (shared/data/cx, see its README):
 * CFPB complaint narratives (public domain) and the first 5,000 tweets of Customer Support on
 * Twitter (CC BY-NC-SA: read here, never copied into the project).
 *
 * The themes are checked against what the data says independently of the text: each CFPB
 * complaint has a Product, each customer tweet a brand that answered it. A theme a person would
 * recognise gathers verbatims of one related product or brand far more often than chance; a
 * generic word ("letter", "company") does not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { analyseVerbatims, type TTheme } from '../src/analysis/verbatims/themes.js';
import type { TVerbatim } from '../src/analysis/verbatims/verbatim.js';
import { parseCsv } from './csv-text.js';
import { describeWithSharedData } from './shared-data.js';

/**
 * How much a theme's verbatims gather in few groups: the chance that two of them, drawn at
 * random, share a group (the Herfindahl index of their group shares); and the group holding
 * most of them, with its lift over the group's base share.
 */
function concentration(
  ids: readonly string[],
  groupOf: Map<string, string>,
  base: Map<string, number>,
): { index: number; lift: number; group: string } {
  const counts = new Map<string, number>();
  let n = 0;
  for (const id of ids) {
    const g = groupOf.get(id);
    if (g === undefined) continue;
    counts.set(g, (counts.get(g) ?? 0) + 1);
    n += 1;
  }
  let index = 0;
  let top = { k: 0, group: '' };
  for (const [group, k] of counts) {
    index += (k / n) ** 2;
    if (k > top.k || (k === top.k && group < top.group)) top = { k, group };
  }
  return { index, lift: top.k / n / (base.get(top.group) ?? 1), group: top.group };
}

/** The 99th percentile of that index for random sets of `size` verbatims (seeded). */
function chanceIndex(
  all: readonly string[],
  size: number,
  groupOf: Map<string, string>,
  base: Map<string, number>,
): number {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const values: number[] = [];
  for (let draw = 0; draw < 200; draw += 1) {
    const pool = [...all];
    for (let i = 0; i < size; i += 1) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
    }
    values.push(concentration(pool.slice(0, size), groupOf, base).index);
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(0.99 * values.length)] ?? 0;
}

function baseShares(groupOf: Map<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const g of groupOf.values()) counts.set(g, (counts.get(g) ?? 0) + 1);
  return new Map([...counts].map(([g, n]) => [g, n / groupOf.size]));
}

/** The themes whose verbatims gather in few groups beyond what 99% of random sets do. */
function concentrated(themes: readonly TTheme[], groupOf: Map<string, string>): string[] {
  const base = baseShares(groupOf);
  const all = [...groupOf.keys()];
  return themes
    .filter((t) => {
      const c = concentration(t.verbatimIds, groupOf, base);
      const n = t.verbatimIds.filter((id) => groupOf.has(id)).length;
      const chance = chanceIndex(all, n, groupOf, base);
      const line = `index ${c.index.toFixed(3)} (chance ≤ ${chance.toFixed(3)}), most in ${c.group} (lift ${c.lift.toFixed(2)})`;
      console.log(`  ${t.label}: ${t.verbatims} verbatims, ${line}`);
      return c.index > chance;
    })
    .map((t) => t.label);
}

describeWithSharedData('verbatims on real customer text', (data) => {
  it('CFPB narratives: themes a person recognises, each concentrated in its product', () => {
    const rows = parseCsv(readFileSync(join(data, 'cx', 'cfpb', 'complaints_sample.csv'), 'utf8'));
    const withText = rows.filter((r) => (r['Consumer complaint narrative'] ?? '').trim() !== '');
    expect(withText.length).toBe(1532);
    const verbatims: TVerbatim[] = withText.map((r) => ({
      id: r['Complaint ID'] ?? '',
      text: r['Consumer complaint narrative'] ?? '',
    }));
    const productOf = new Map(withText.map((r) => [r['Complaint ID'] ?? '', r['Product'] ?? '']));

    const started = performance.now();
    const result = analyseVerbatims(verbatims, { limit: 10 });
    console.log(
      `cfpb: ${verbatims.length} narratives in ${(performance.now() - started).toFixed(0)} ms`,
    );

    const labels = result.themes.map((t) => t.label);
    expect(labels).toHaveLength(10);
    // Grounded in the data: a third of the narratives are about credit reports; identity theft
    // and debt collectors are sub-issues and a product of their own.
    expect(labels).toContain('credit report');
    expect(labels).toContain('identity theft');
    expect(labels.some((l) => /collection/.test(l))).toBe(true);
    const good = concentrated(result.themes, productOf);
    expect(good.length).toBeGreaterThanOrEqual(7);

    // Complaints read negative more often than positive.
    const labelsOf = [...result.sentiments.values()].map((s) => s?.label);
    const negative = labelsOf.filter((l) => l === 'negative').length;
    const positive = labelsOf.filter((l) => l === 'positive').length;
    expect(negative).toBeGreaterThan(2 * positive);
  });

  it('customer tweets: themes concentrated by the brand that answered, negative complaints', () => {
    const rows = parseCsv(readFileSync(join(data, 'cx', 'twcs', 'twcs_first5000.csv'), 'utf8'));
    expect(rows).toHaveLength(5000);
    const authorOf = new Map(rows.map((r) => [r['tweet_id'] ?? '', r['author_id'] ?? '']));
    const inbound = rows.filter((r) => r['inbound'] === 'True');
    const verbatims: TVerbatim[] = inbound.map((r) => ({
      id: r['tweet_id'] ?? '',
      text: r['text'] ?? '',
    }));
    const brandOf = new Map<string, string>();
    for (const r of inbound) {
      const reply = (r['response_tweet_id'] ?? '').split(',')[0] ?? '';
      const brand = authorOf.get(reply);
      if (brand !== undefined && !/^\d+$/.test(brand)) brandOf.set(r['tweet_id'] ?? '', brand);
    }
    console.log(`twcs: ${brandOf.size} of ${inbound.length} customer tweets answered by a brand`);

    const started = performance.now();
    const result = analyseVerbatims(verbatims, { limit: 10 });
    console.log(
      `twcs: ${verbatims.length} tweets in ${(performance.now() - started).toFixed(0)} ms`,
    );

    const labels = result.themes.map((t) => t.label);
    expect(labels).toHaveLength(10);
    expect(labels).toContain('customer service');
    expect(labels).toContain('flight');
    const good = concentrated(result.themes, brandOf);
    expect(good.length).toBeGreaterThanOrEqual(6);

    const share = (pattern: RegExp, label: string) => {
      const texts = verbatims.filter((v) => pattern.test(v.text));
      const n = texts.filter((v) => result.sentiments.get(v.id)?.label === label).length;
      return { n: texts.length, share: n / texts.length };
    };
    // Complaint words the lexicon knows, not the phrases of the service layer.
    const complaintNeg = share(
      /\b(worst|terrible|awful|horrible|ridiculous|unacceptable|disappointed|useless)\b/i,
      'negative',
    );
    const complaintPos = share(
      /\b(worst|terrible|awful|horrible|ridiculous|unacceptable|disappointed|useless)\b/i,
      'positive',
    );
    const thanksPos = share(/\b(thanks|thank you|love)\b/i, 'positive');
    const thanksNeg = share(/\b(thanks|thank you|love)\b/i, 'negative');
    console.log({
      complaintNeg,
      complaintPos,
      thanksPos,
      thanksNeg,
      stillWaiting: share(/still waiting/i, 'negative'),
    });
    expect(complaintNeg.n).toBeGreaterThan(30);
    expect(complaintNeg.share).toBeGreaterThan(0.7);
    expect(complaintNeg.share).toBeGreaterThan(4 * complaintPos.share);
    expect(thanksPos.share).toBeGreaterThan(0.7);
    expect(thanksPos.share).toBeGreaterThan(4 * thanksNeg.share);
    expect(share(/still waiting/i, 'negative').share).toBeGreaterThan(0.5);
  });
});
