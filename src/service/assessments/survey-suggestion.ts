/**
 * The feedback survey Journeylens suggests for a change: per selected touchpoint, which scale,
 * which questions, through which channel, when and whom to ask — from the touchpoint's stage,
 * channel and layer and the feedback already collected there. The rules are those of
 * docs/assessments.md § "The suggested survey"; change both together. Pure: no I/O.
 */
import type { TSatisfaction } from '../../analysis/satisfaction.js';
import type { TScale, TTouchpoint, TWorkspace } from '../../model/workspace-schema.js';
import type { TSurveySuggestion } from './assessment-types.js';

/** Share of customers assumed to answer when no answers were collected there yet. */
export const ASSUMED_RESPONSE_RATE = 0.1;
/** Aim for this many times the minimum n per month: enough for a monthly figure per segment. */
const TARGET_FACTOR = 2;

export type TSurveyInput = {
  workspace: TWorkspace;
  scales: readonly TScale[];
  touchpoints: readonly TTouchpoint[];
  /** Per touchpoint id: the satisfaction already measured there, per kind. */
  satisfaction: ReadonlyMap<string, readonly TSatisfaction[]>;
  /** Per touchpoint id: customers who passed it per month (mean) and over the period. */
  reach: ReadonlyMap<string, { perMonth: number; customers: number }>;
  plannedGoLive: string | null;
  affectedSegments: readonly string[];
};

export type TSurveyPlan = {
  items: TSurveySuggestion[];
  skipped: { touchpoint: string; reason: string }[];
};

const lower = (s: string): string => s.toLowerCase();

/** The kind to ask: the one already collected with enough answers, else by stage. */
export function chooseKind(
  tp: TTouchpoint,
  measured: readonly TSatisfaction[],
  contactTouchpoints: readonly string[] | undefined,
): { kind: string; reason: string } {
  const usable = measured.filter((m) => !m.suppressed).sort((a, b) => b.n - a.n)[0];
  if (usable !== undefined) {
    return {
      kind: usable.kind,
      reason: `${usable.kind.toUpperCase()} already has ${usable.n} answers here: asking the same keeps before and after comparable`,
    };
  }
  const stage = lower(tp.stage);
  if (stage === 'support' || (contactTouchpoints ?? []).includes(tp.id)) {
    return {
      kind: 'ces',
      reason: 'a support contact: effort (CES) predicts loyalty better than satisfaction there',
    };
  }
  if (['retention', 'loyalty', 'advocacy'].includes(stage)) {
    return {
      kind: 'nps',
      reason: `the ${tp.stage} stage is about the relationship: NPS`,
    };
  }
  return { kind: 'csat', reason: `a step of the ${tp.stage} stage: satisfaction with it (CSAT)` };
}

function question(kind: string, name: string): string {
  if (kind === 'csat') return `How satisfied were you with ${name}?`;
  if (kind === 'ces') return `How easy was it to get what you needed at ${name}?`;
  if (kind === 'nps') return 'How likely are you to recommend us to a friend or colleague?';
  return `How would you rate ${name}?`;
}

const SCALE_WORDS: Record<string, string> = {
  csat: 'very dissatisfied … very satisfied',
  ces: 'very difficult … very easy',
  nps: 'not at all likely … extremely likely',
};

/** Where and when to ask, by channel (NPS waits a week: a relationship question). */
export function channelAndTiming(kind: string, channel: string): { channel: string; when: string } {
  if (kind === 'nps') {
    return { channel: 'email', when: 'by e-mail 7 days after the step' };
  }
  switch (lower(channel)) {
    case 'web':
    case 'app':
      return { channel, when: 'in the page or app screen, right after the step' };
    case 'phone':
      return { channel: 'sms', when: 'by SMS or at the end of the call, within 1 hour' };
    case 'chat':
      return { channel: 'chat', when: 'at the end of the chat' };
    case 'store':
      return { channel: 'sms', when: 'by SMS or a QR code on the receipt, the same day' };
    case 'social':
      return { channel: 'social', when: 'in the same conversation, right after the reply' };
    default:
      return { channel: 'email', when: 'by e-mail within 24 hours of the step' };
  }
}

/**
 * Whom to ask: everyone who passes when the expected answers stay under the target, else a
 * random share that reaches it. The response rate is the one measured there, else assumed.
 */
export function whomToAsk(
  name: string,
  perMonth: number,
  answersSoFar: number,
  customersSoFar: number,
  minResponses: number,
): { whom: string; reason: string } {
  const measured = customersSoFar > 0 && answersSoFar > 0;
  const rate = measured ? Math.min(1, answersSoFar / customersSoFar) : ASSUMED_RESPONSE_RATE;
  const target = TARGET_FACTOR * minResponses;
  const expected = perMonth * rate;
  const rateText = `${Math.round(rate * 1000) / 10}% ${measured ? 'measured' : 'assumed'} response rate`;
  if (expected <= target) {
    return {
      whom: `every customer who passes ${name}`,
      reason: `about ${Math.round(expected)} answers a month expected (${rateText}), no more than the ${target} aimed for`,
    };
  }
  const share = Math.min(1, Math.ceil((target / expected) * 20) / 20);
  return {
    whom: `a random ${Math.round(share * 100)}% of the customers who pass ${name}`,
    reason: `${Math.round(perMonth)} customers a month at a ${rateText}: ${Math.round(share * 100)}% gives about ${target} answers a month`,
  };
}

/** The survey suggestion for a selection of touchpoints. */
export function suggestSurvey(input: TSurveyInput): TSurveyPlan {
  const { workspace, scales } = input;
  const minResponses = workspace.feedback.minResponses;
  const items: TSurveySuggestion[] = [];
  const skipped: TSurveyPlan['skipped'] = [];
  for (const tp of input.touchpoints) {
    if (tp.layer === 'backstage') {
      skipped.push({
        touchpoint: tp.id,
        reason: `backstage: customers do not see ${tp.name}; survey the frontstage touchpoints it feeds`,
      });
      continue;
    }
    const measured = input.satisfaction.get(tp.id) ?? [];
    const { kind, reason: kindReason } = chooseKind(
      tp,
      measured,
      workspace.friction.contactTouchpoints,
    );
    const scale = scales.find((s) => s.kind === kind);
    const existing = measured.find((m) => m.kind === kind);
    const reach = input.reach.get(tp.id) ?? { perMonth: 0, customers: 0 };
    const answers = measured.reduce((sum, m) => sum + m.n, 0);
    const where = channelAndTiming(kind, tp.channel);
    const whom = whomToAsk(tp.name, reach.perMonth, answers, reach.customers, minResponses);
    const baselineShort = existing === undefined || existing.n < minResponses;
    const segmentNames = input.affectedSegments.map(
      (id) => workspace.segments.find((s) => s.id === id)?.name ?? id,
    );
    const segments = segmentNames.length === 0 ? '' : `, from ${segmentNames.join(', ')}`;
    const start = baselineShort
      ? `start now, before go-live${input.plannedGoLive === null ? '' : ` on ${input.plannedGoLive}`}, for a baseline of at least ${minResponses} answers; keep asking for 8 weeks after go-live`
      : 'keep asking as today; compare the 8 weeks after go-live with the 8 weeks before';
    items.push({
      touchpoint: tp.id,
      kind,
      scale: {
        min: scale?.min ?? 1,
        max: scale?.max ?? 5,
        label: SCALE_WORDS[kind] ?? `${scale?.min ?? 1} … ${scale?.max ?? 5}`,
      },
      question: question(kind, tp.name),
      followUps: [
        'What is the main reason for your score?',
        `Did you notice anything different at ${tp.name} recently? What was it?`,
      ],
      channel: where.channel,
      when: `${where.when}; ${start}`,
      whom: `${whom.whom}${segments}`,
      baseline: existing === undefined ? null : { n: existing.n, suppressed: existing.suppressed },
      reasons: [kindReason, `${tp.channel} channel: ${where.when}`, whom.reason],
    });
  }
  return { items, skipped };
}
