/**
 * The process map in a real browser on the demo company: what it draws against what the API
 * answers (activities, transitions, the threshold, a variant's figures), a segment filter, a
 * selected variant traced on the map, zooming from the keyboard, and the exports.
 */
/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import type { TProcessMap } from '../src/model/process-map.js';
import { count, duration, percent } from '../src/web/ui/format.js';
import { demoAndBrowser, describeBrowser, screenshot, signedInPage } from './harness.js';
import { ProcessMapPage } from './pages/process-map-page.js';

/** Transitions the map can draw: between activities, out of the start and into the end. */
const transitions = (m: TProcessMap): number[] => [
  ...m.edges.map((e) => e.count),
  ...m.activities.flatMap((a) => [a.starts, a.ends]).filter((n) => n > 0),
];

describeBrowser('the process map in Chromium', () => {
  const demo = demoAndBrowser();

  it('draws the journeys against the API, filters, traces a variant and exports', async () => {
    const { page, context, errors } = await signedInPage(demo);
    const map = new ProcessMapPage(page);
    await map.open();

    const all = await map.api<TProcessMap>('/api/process-map');
    expect(all.activities.length).toBeGreaterThanOrEqual(50);
    expect(await map.figure('Journeys')).toBe(count(all.cases));
    expect(await map.figure('Activities')).toBe(count(all.activities.length));
    expect(await map.figure('Transitions')).toBe(count(all.edges.length));

    // Opened with the rare transitions hidden: the drawing matches the sentence under the slider.
    const possible = transitions(all);
    const opened = await map.drawn();
    expect(await map.shown()).toContain(
      `Showing ${count(opened.edges)} of ${count(possible.length)} transitions`,
    );
    expect(opened.edges).toBeLessThanOrEqual(150);
    expect(await map.shown()).toContain(
      `${count(possible.length - opened.edges)} rare transitions hidden`,
    );

    // Every transition shown: one line per transition, one box per activity plus start and end.
    await map.threshold(0);
    expect(await map.drawn()).toEqual({
      nodes: all.activities.length + 2,
      edges: possible.length,
      variantEdges: 0,
    });
    expect(await map.shown()).toContain('0 rare transitions hidden');

    // The most frequent variant, as the API counts it.
    const top = all.variants[0];
    if (top === undefined) throw new Error('the demo has no variants');
    expect((await map.variantRow(1)).slice(0, 5)).toEqual([
      '1',
      count(top.count),
      percent(top.share),
      duration(top.meanSeconds),
      String(top.activities.length),
    ]);

    // One segment: the figures are the API's for that segment, and the address keeps it.
    const segment = all.choices.segments[0];
    if (segment === undefined) throw new Error('the demo has no segments');
    await map.filter('Segment', segment.name);
    expect(new URL(page.url()).searchParams.get('segment')).toBe(segment.id);
    const filtered = await map.api<TProcessMap>(`/api/process-map?segment=${segment.id}`);
    expect(filtered.cases).toBeLessThan(all.cases);
    expect(await map.figure('Journeys')).toBe(count(filtered.cases));
    expect(await map.figure('Transitions')).toBe(count(filtered.edges.length));
    const drawn = await map.drawn();
    expect(await map.shown()).toContain(
      `Showing ${count(drawn.edges)} of ${count(transitions(filtered).length)} transitions`,
    );

    // The second variant of the segment traced on the map: each distinct step of its path.
    const second = filtered.variants[1];
    if (second === undefined) throw new Error('the segment has a single variant');
    await map.selectVariant(2);
    expect(new URL(page.url()).searchParams.get('variant')).toBe('2');
    await expect
      .poll(() => map.selectedVariant().innerText())
      .toContain(`Variant #2 traced: ${count(second.count)} journeys (${percent(second.share)})`);
    const path = ['start', ...second.activities, 'end'];
    const steps = new Set(path.slice(1).map((a, i) => `${path[i]}→${a}`));
    expect((await map.drawn()).variantEdges).toBe(steps.size);
    await map.scrollToTop();
    await screenshot(page, 'process-map');

    // The map is reachable from the keyboard and zooms with "+".
    const before = await map.viewBox();
    await map.map().focus();
    await page.keyboard.press('+');
    await expect.poll(() => map.viewBox()).not.toBe(before);
    await page.keyboard.press('0');
    const whole = await page
      .locator('svg.map')
      .evaluate((e) => [e.dataset.width, e.dataset.height]);
    await expect.poll(() => map.viewBox()).toBe(`0 0 ${whole.join(' ')}`);

    // Exports: the whole map as SVG and PNG, the variants as CSV.
    const svg = await readFile((await (await map.download('Download SVG')).path()) ?? '', 'utf8');
    expect(svg).toContain('<svg');
    expect(svg.match(/data-kind="edge"/g)?.length).toBe(drawn.edges);
    const png = await readFile((await (await map.download('Download PNG')).path()) ?? '');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const csv = await readFile(
      (await (await map.download('Download CSV', 'Variants')).path()) ?? '',
      'utf8',
    );
    const [header, first] = csv.replace(/^\ufeff/, '').split(/\r?\n/);
    expect(header).toBe('#,Journeys,Share,Mean duration,Steps,Path');
    expect(first?.split(',').slice(0, 2)).toEqual(['1', String(filtered.variants[0]?.count)]);

    expect(errors).toEqual([]);
    await context.close();
    // Laying out the whole demo map (every transition shown) takes a while on a busy machine.
  }, 240_000);
});
