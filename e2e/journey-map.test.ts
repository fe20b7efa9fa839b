/**
 * The journey map in a real browser on the demo company: the cards' friction badges and
 * follow shares against GET /api/journey-map, a touchpoint's panel opened with the mouse and
 * with the keyboard, switching segment and ideal journey, and the SVG, PNG and CSV downloads.
 */
/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import type { TJourneyMap, TMapTouchpoint } from '../src/service/journey-map-types.js';
import { count, decimal, percent, percentInterval } from '../src/web/ui/format.js';
import { demoAndBrowser, describeBrowser, screenshot, signedInPage } from './harness.js';
import { JourneyMapPage } from './pages/journey-map-page.js';

type TMap = NonNullable<TJourneyMap['map']>;

/** The badge as the card writes it. */
const perMonth = (x: number): string => (x >= 10 ? `${count(x)}/mo` : `${decimal(x, 1)}/mo`);

/** The on-journey touchpoint with the most friction a month. */
function mostFriction(map: TMap): TMapTouchpoint {
  const sorted = map.touchpoints
    .filter((t) => t.onJourney)
    .sort((a, b) => b.frictionPerMonth - a.frictionPerMonth);
  const first = sorted[0];
  if (first === undefined || first.frictionPerMonth === 0) throw new Error('no friction on map');
  return first;
}

const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The fields of one CSV record (quoted fields may hold commas; quotes are doubled). */
function csvFields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) =>
    m[1] === undefined ? (m[2] ?? '') : m[1].replace(/""/g, '"'),
  );
}

const shareOf = (map: TMap, touchpoint: string): number => {
  const step = map.steps.find((s) => s.touchpoint === touchpoint);
  if (step === undefined) throw new Error(`${touchpoint} is no step`);
  return step.share;
};

describeBrowser('the journey map in Chromium', () => {
  const demo = demoAndBrowser();

  it('shows the measured journey on the designed one, and opens a touchpoint', async () => {
    const { page, context, errors } = await signedInPage(demo);
    const jm = new JourneyMapPage(page);
    await jm.open();

    const answer = await jm.api<TJourneyMap>('/api/journey-map');
    const map = answer.map;
    if (map === null) throw new Error('the demo has no ideal journey');
    expect(await jm.chosen('Segment')).toBe(map.segment.name);
    expect(await jm.chosen('Ideal journey')).toContain(map.journey.name);
    // Every touchpoint of the journey has its card.
    for (const step of map.steps) {
      const tp = map.touchpoints.find((t) => t.id === step.touchpoint);
      await expect.poll(() => jm.card(tp?.name ?? step.touchpoint).count()).toBe(1);
    }

    const hot = mostFriction(map);
    const text = await jm.cardText(hot.name);
    expect(text).toContain(`⚠ ${perMonth(hot.frictionPerMonth)}`);
    expect(text).toContain(`${percent(shareOf(map, hot.id))} follow`);
    expect(text).toContain(hot.ownerName.slice(0, 20));

    await jm.card(hot.name).click();
    await expect
      .poll(() => jm.panel().getByRole('heading', { level: 3 }).innerText())
      .toBe(hot.name);
    expect(await jm.metric(`Steps (${map.segment.name})`)).toBe(count(hot.volume.steps));
    expect(await jm.metric(`Customers (${map.segment.name})`)).toBe(count(hot.volume.customers));
    expect(await jm.metric(`Friction a month (${map.segment.name})`)).toBe(
      decimal(hot.frictionPerMonth, 1),
    );
    const frictions = await jm.panelTable(`Friction at ${hot.name}`);
    expect(frictions).toEqual(
      hot.frictions.map((f) => [
        f.type.replace(/_/g, ' '),
        decimal(f.segment.perMonth, 1),
        count(f.segment.customers),
        decimal(f.perMonth, 1),
        f.trend,
      ]),
    );
    await expect.poll(() => jm.panel().innerText()).toContain(`Owner: ${hot.ownerName}`);
    await screenshot(page, 'journey-map-panel');
    await jm.panel().getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => jm.panel().count()).toBe(0);
    await screenshot(page, 'journey-map');

    // The keyboard: a card takes the focus, Enter opens its panel, Escape closes it.
    const other = map.touchpoints.find((t) => t.onJourney && t.id !== hot.id);
    if (other === undefined) throw new Error('the journey has one touchpoint');
    await jm.card(other.name).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => jm.panel().getByRole('heading', { level: 3 }).innerText())
      .toBe(other.name);
    expect(new URL(page.url()).searchParams.get('touchpoint')).toBe(other.id);
    await page.keyboard.press('Escape');
    await expect.poll(() => jm.panel().count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches segment and ideal journey, with verbatims in the panel', async () => {
    const { page, context, errors } = await signedInPage(demo, {
      path: '/journey-map',
      heading: 'Journey map',
    });
    const jm = new JourneyMapPage(page);
    await jm.settled();

    const first = await jm.api<TJourneyMap>('/api/journey-map');
    const segment = first.segments.find((s) => s.id === 'regular');
    if (segment === undefined) throw new Error('the demo has no Regular segment');
    await jm.choose('Segment', segment.name);
    expect(new URL(page.url()).searchParams.get('segment')).toBe('regular');
    const regular = await jm.api<TJourneyMap>('/api/journey-map?segment=regular');
    expect(await jm.chosen('Ideal journey')).toContain(regular.map?.journey.name ?? '?');

    const online = segment.journeys.find((j) => j.id === 'online-purchase-regular');
    if (online === undefined) throw new Error('no online purchase for Regular');
    await jm.choose('Ideal journey', `${online.name} (${count(online.journeys)} journeys)`);
    const answer = await jm.api<TJourneyMap>(
      '/api/journey-map?segment=regular&journey=online-purchase-regular',
    );
    const map = answer.map;
    if (map === null) throw new Error('no map');
    expect(map.conformance.journeys).toBe(online.journeys);
    await expect
      .poll(() => page.getByLabel('Conformance').innerText())
      .toContain(
        `${count(map.conformance.journeys)} journeys of ${count(map.conformance.customers)} customers`,
      );

    const delivery = map.touchpoints.find((t) => t.id === 'delivery');
    if (delivery === undefined) throw new Error('no delivery on the map');
    expect(await jm.cardText(delivery.name)).toContain(
      `${percent(shareOf(map, 'delivery'))} follow`,
    );
    await jm.card(delivery.name).click();
    const quote = delivery.verbatims.examples[0];
    if (quote === undefined) throw new Error('no verbatim at delivery');
    await expect
      .poll(() => jm.panel().getByRole('list', { name: 'Verbatims' }).innerText())
      .toContain(quote.text);
    const satisfaction = await jm.panelTable(`Satisfaction at ${delivery.name}`);
    const csat = delivery.satisfaction.find((m) => m.kind === 'csat');
    expect(satisfaction.find((row) => row[0] === 'CSAT')).toEqual([
      'CSAT',
      'satisfied share',
      percent(csat?.score?.value),
      percentInterval(csat?.score?.low, csat?.score?.high),
      count(csat?.n),
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says what is wrong with an old link, then downloads the map and its tables', async () => {
    const { page, context, errors } = await signedInPage(demo, {
      path: '/journey-map?segment=nobody',
      heading: 'Journey map',
    });
    const jm = new JourneyMapPage(page);
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toMatch(
        /^400: segment nobody: no such segment with an ideal journey; the map has business, /,
      );
    await page.getByRole('button', { name: 'Show the first journey' }).click();
    await jm.settled();
    await jm.map().waitFor();
    expect(new URL(page.url()).search).toBe('');
    const map = (await jm.api<TJourneyMap>('/api/journey-map')).map;
    if (map === null) throw new Error('no map');
    const base = `journey-map-${map.segment.id}-${map.journey.id}`;

    const svg = await jm.download('Download SVG');
    expect(svg.suggestedFilename()).toBe(`${base}.svg`);
    const svgText = await readFile(await svg.path(), 'utf8');
    expect(svgText).toMatch(/^<\?xml[^>]*>\n<svg /);
    expect(svgText).toContain(
      `aria-label="${xml(`Journey map: ${map.journey.name}, ${map.segment.name}`)}"`,
    );
    for (const column of new Set(map.touchpoints.map((t) => t.stage))) {
      expect(svgText).toContain(`>${xml(column)}</text>`);
    }
    expect(svgText).toContain(`⚠ ${perMonth(mostFriction(map).frictionPerMonth)}`);

    const png = await jm.download('Download PNG');
    expect(png.suggestedFilename()).toBe(`${base}.png`);
    const bytes = await readFile(await png.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    const steps = page.getByRole('region', { name: 'Steps of the ideal journey' });
    const csv = await jm.download('Download CSV', steps);
    expect(csv.suggestedFilename()).toBe(`${base}-steps.csv`);
    const text = await readFile(await csv.path(), 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'Step,Touchpoint,Kind,Follow it,Followed,Out of order,Without it,Emotion designed,Emotion measured,Answers',
    );
    expect(lines).toHaveLength(map.steps.length + 1);
    expect(csvFields(lines[1] ?? '').slice(0, 2)).toEqual(['1', map.touchpoints[0]?.name]);
    expect(csvFields(lines[1] ?? '')[4]).toBe(String(map.steps[0]?.followed));
    // The browser logs the refused old link (400) as an error; nothing else may fail.
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    await context.close();
  });
});
