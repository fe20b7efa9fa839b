/**
 * Lays out a journey map: stages as columns, channels as lanes (rows), one card per touchpoint
 * in the order of the ideal journey's steps, the emotion strip below with a point per step
 * under its card, and the top deviations numbered on the cards they concern (a touchpoint met
 * only as a deviation gets a dashed card of its own). Pure: numbers in, positions out; the
 * scene draws them and the tests check them.
 */
import type { TJourneyMap, TMapDeviation } from '../../../service/journey-map-types.js';

export type TMap = NonNullable<TJourneyMap['map']>;

export const SIZES = {
  label: 112,
  header: 28,
  slot: 136,
  card: { width: 124, height: 84 },
  lanePadding: 6,
  emotion: { gap: 12, height: 116, padding: 14 },
  right: 12,
} as const;

const LANE = SIZES.card.height + 2 * SIZES.lanePadding;

/** Deviations numbered on the map (the rest are in the table). */
export const TOP_DEVIATIONS = 5;

export type TColumn = { stage: string; x: number; width: number };
export type TLane = { channel: string; y: number; height: number };

export type TCard = {
  touchpoint: string;
  /** The first step at this touchpoint; null for a touchpoint off the journey. */
  step: number | null;
  x: number;
  y: number;
  width: number;
  height: number;
  onJourney: boolean;
  /** The name in at most two lines that fit the card. */
  lines: string[];
  /** Ranks (1 = most journeys) of the top deviations at this touchpoint. */
  deviations: number[];
};

export type TEmotionPoint = {
  step: number;
  touchpoint: string;
  x: number;
  expected: { value: number; y: number } | null;
  measured: { value: number; y: number; low: number | null; high: number | null } | null;
};

export type TLayout = {
  width: number;
  height: number;
  columns: TColumn[];
  lanes: TLane[];
  cards: TCard[];
  emotion: {
    top: number;
    height: number;
    /** y of −2, 0 and +2 on the strip. */
    ticks: { value: number; y: number }[];
    points: TEmotionPoint[];
  };
  /** The numbered deviations, rank 1 first. */
  deviations: (TMapDeviation & { rank: number })[];
};

/** Characters of the card's name per line (10.5 px bold type on a 124 px card). */
export const LINE_CHARS = 16;

/**
 * Text broken at spaces into at most `maxLines` lines of `width` characters; what does not
 * fit ends in an ellipsis.
 * @example wrapText('Order confirmation e-mail', 19) // ['Order confirmation', 'e-mail']
 */
export function wrapText(text: string, width: number, maxLines = 2): string[] {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const lines: string[] = [];
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    let line = words[i++] ?? '';
    while (i < words.length && `${line} ${words[i] ?? ''}`.length <= width)
      line += ` ${words[i++]}`;
    lines.push(line);
  }
  const more = i < words.length;
  return lines.map((line, k) => {
    const last = k === lines.length - 1;
    return line.length > width || (last && more) ? `${line.slice(0, width - 1).trimEnd()}…` : line;
  });
}

/** Positions of everything on the map (see the file header). */
export function layoutJourneyMap(map: TMap): TLayout {
  const touchpoint = new Map(map.touchpoints.map((t) => [t.id, t]));
  const top = map.deviations.slice(0, TOP_DEVIATIONS).map((d, i) => ({ ...d, rank: i + 1 }));

  // Cards in step order, each touchpoint once; then touchpoints met only as a top deviation.
  const order: { id: string; step: number | null }[] = [];
  const seen = new Set<string>();
  for (const s of map.steps) {
    if (seen.has(s.touchpoint) || !touchpoint.has(s.touchpoint)) continue;
    seen.add(s.touchpoint);
    order.push({ id: s.touchpoint, step: s.index });
  }
  for (const d of top) {
    if (seen.has(d.touchpoint) || !touchpoint.has(d.touchpoint)) continue;
    seen.add(d.touchpoint);
    order.push({ id: d.touchpoint, step: null });
  }

  const stageIndex = (stage: string): number => {
    const i = map.stages.indexOf(stage);
    return i < 0 ? map.stages.length : i;
  };
  const stageOf = (id: string): string => touchpoint.get(id)?.stage ?? '';
  const stages = [...new Set(order.map((o) => stageOf(o.id)))].sort(
    (a, b) => stageIndex(a) - stageIndex(b),
  );
  const channels = [...new Set(order.map((o) => touchpoint.get(o.id)?.channel ?? ''))].sort(
    (a, b) => channelIndex(map.channels, a) - channelIndex(map.channels, b),
  );

  // Within a stage, cards keep the order above: the journey's steps, then the others. A card
  // shares the slot of the card before it in the stage when its lane is free there (the
  // alternatives of a stage stand one above the other); else it takes the next slot.
  const columns: TColumn[] = [];
  const slotOf = new Map<string, number>();
  const inSlot: string[][] = [];
  const laneOf = (id: string): string => touchpoint.get(id)?.channel ?? '';
  for (const stage of stages) {
    const first = inSlot.length;
    for (const o of order) {
      if (stageOf(o.id) !== stage) continue;
      const last = inSlot.length - 1;
      const shared =
        last >= first && !(inSlot[last] ?? []).some((id) => laneOf(id) === laneOf(o.id));
      if (!shared) inSlot.push([]);
      inSlot[inSlot.length - 1]?.push(o.id);
      slotOf.set(o.id, inSlot.length - 1);
    }
    columns.push({
      stage,
      x: SIZES.label + first * SIZES.slot,
      width: (inSlot.length - first) * SIZES.slot,
    });
  }
  const slot = inSlot.length;
  const lanes: TLane[] = channels.map((channel, i) => ({
    channel,
    y: SIZES.header + i * LANE,
    height: LANE,
  }));
  const laneY = new Map(lanes.map((l) => [l.channel, l.y]));

  const cards: TCard[] = order.map((o) => {
    const t = touchpoint.get(o.id);
    const x =
      SIZES.label + (slotOf.get(o.id) ?? 0) * SIZES.slot + (SIZES.slot - SIZES.card.width) / 2;
    return {
      touchpoint: o.id,
      step: o.step,
      x,
      y: (laneY.get(t?.channel ?? '') ?? 0) + SIZES.lanePadding,
      width: SIZES.card.width,
      height: SIZES.card.height,
      onJourney: o.step !== null,
      // A moment of truth's star takes the top right corner.
      lines: wrapText(t?.name ?? o.id, star(t) ? LINE_CHARS - 2 : LINE_CHARS),
      deviations: top.filter((d) => d.touchpoint === o.id).map((d) => d.rank),
    };
  });
  const cardOf = new Map(cards.map((c) => [c.touchpoint, c]));

  const stripTop = SIZES.header + lanes.length * LANE + SIZES.emotion.gap;
  const { height, padding } = SIZES.emotion;
  const yOf = (v: number): number =>
    stripTop + padding + ((2 - clamp(v)) / 4) * (height - 2 * padding);
  // Steps whose cards share a slot get points side by side in step order, so the curve
  // always runs left to right.
  const pointX = (id: string): number => {
    const n = slotOf.get(id) ?? 0;
    const ids = inSlot[n] ?? [id];
    return SIZES.label + n * SIZES.slot + ((ids.indexOf(id) + 1) * SIZES.slot) / (ids.length + 1);
  };
  const points: TEmotionPoint[] = map.steps.flatMap((s) => {
    const card = cardOf.get(s.touchpoint);
    if (card === undefined) return [];
    return [
      {
        step: s.index,
        touchpoint: s.touchpoint,
        x: pointX(s.touchpoint),
        expected: s.expected === null ? null : { value: s.expected, y: yOf(s.expected) },
        measured:
          s.measured === null
            ? null
            : {
                value: s.measured.value,
                y: yOf(s.measured.value),
                low: s.measured.low === null ? null : yOf(s.measured.low),
                high: s.measured.high === null ? null : yOf(s.measured.high),
              },
      },
    ];
  });

  return {
    width: SIZES.label + Math.max(1, slot) * SIZES.slot + SIZES.right,
    height: stripTop + height,
    columns,
    lanes,
    cards,
    emotion: {
      top: stripTop,
      height,
      ticks: [2, 0, -2].map((value) => ({ value, y: yOf(value) })),
      points,
    },
    deviations: top,
  };
}

const star = (t: TMap['touchpoints'][number] | undefined): boolean =>
  t !== undefined && (t.momentOfTruth || t.moments.length > 0);

const clamp = (v: number): number => Math.max(-2, Math.min(2, v));

function channelIndex(channels: readonly string[], channel: string): number {
  const i = channels.indexOf(channel);
  return i < 0 ? channels.length : i;
}
