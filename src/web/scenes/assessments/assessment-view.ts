/**
 * What the Assessments screen shows, decided without React: status labels, a satisfaction
 * figure in words, the segments that need a "how will they respond" answer, and the body a
 * form sends. Pure, so it has table tests.
 */
import type { TSatisfaction } from '../../../analysis/satisfaction.js';
import type {
  TAnswers,
  TAssessment,
  TAssessmentStatus,
} from '../../../service/assessments/assessment-types.js';
import { count, decimal, percent, signed } from '../../ui/format.js';

/** The five questions, in order, with the wording of docs/assessments.md. */
export const FIVE_HOWS = [
  { key: 'impact', question: 'How will this change impact our customers?' },
  { key: 'customerView', question: "How will it look from the customer's standpoint?" },
  { key: 'response', question: 'How will customers respond? (one answer per affected segment)' },
  { key: 'findOut', question: 'How will they find out?' },
  { key: 'feedback', question: 'How will they give feedback?' },
] as const;

export const STATUS_LABEL: Record<TAssessmentStatus, string> = {
  draft: 'Draft',
  submitted: 'Waiting for review',
  approved: 'Approved',
  changes_requested: 'Changes requested',
  live: 'Live',
};

export const STATUS_TONE: Record<TAssessmentStatus, string> = {
  draft: '',
  submitted: 'warn',
  approved: 'good',
  changes_requested: 'bad',
  live: 'good',
};

/** A satisfaction figure with its interval and n: "CSAT 82.0% (74.1–88.0%), n = 120". */
export function satisfactionText(m: TSatisfaction): string {
  const kind = m.kind.toUpperCase();
  if (m.suppressed || m.score === null) {
    return `${kind}: too few answers (n = ${count(m.n)})`;
  }
  const { value, low, high } = m.score;
  const fmt =
    m.measure === 'satisfied share'
      ? (x: number | null) => percent(x)
      : m.measure === 'nps'
        ? (x: number | null) => signed(x, 0)
        : (x: number | null) => decimal(x, 2);
  return `${kind} ${fmt(value)} (95%: ${fmt(low)} to ${fmt(high)}), n = ${count(m.n)}`;
}

/** A monthly rate for people: "1,234", and "0.7" for a small fractional one. */
export function perMonthFigure(x: number): string {
  return x < 10 && x !== Math.round(x) ? decimal(x, 1) : count(x);
}

/** Customers per month for people: "1,234 a month", "0.7 a month". */
export function perMonthText(x: number): string {
  return `${perMonthFigure(x)} a month`;
}

/** The segments to answer for: the affected ones, then any already answered. */
export function responseSegments(
  affected: readonly string[],
  answered: Readonly<Record<string, string>>,
): string[] {
  return [...new Set([...affected, ...Object.keys(answered)])];
}

export type TFormState = {
  title: string;
  change: string;
  plannedGoLive: string;
  ownerTeam: string;
  touchpoints: string[];
  answers: TAnswers;
};

export function formFrom(a: TAssessment): TFormState {
  return {
    title: a.title,
    change: a.change,
    plannedGoLive: a.plannedGoLive,
    ownerTeam: a.ownerTeam,
    touchpoints: [...a.touchpoints],
    answers: { ...a.answers, response: { ...a.answers.response } },
  };
}

export const emptyForm = (ownerTeam: string): TFormState => ({
  title: '',
  change: '',
  plannedGoLive: '',
  ownerTeam,
  touchpoints: [],
  answers: { impact: '', customerView: '', response: {}, findOut: '', feedback: '' },
});

/** What is missing before the form can be saved, or the request body. */
export function saveBody(
  form: TFormState,
): { error: string } | { body: Omit<TFormState, 'answers'> & { answers: TAnswers } } {
  if (form.title.trim() === '') return { error: 'Give the change a title.' };
  if (form.change.trim() === '') return { error: 'Describe the change.' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.plannedGoLive)) {
    return { error: 'Choose the planned go-live date.' };
  }
  if (form.ownerTeam === '') return { error: 'Choose the team that makes the change.' };
  if (form.touchpoints.length === 0) return { error: 'Select at least one touchpoint.' };
  const response = Object.fromEntries(
    Object.entries(form.answers.response).filter(([, v]) => v.trim() !== ''),
  );
  return { body: { ...form, answers: { ...form.answers, response } } };
}

/** Toggles one touchpoint in a selection, keeping the workspace's order. */
export function toggle(selection: readonly string[], id: string, order: readonly string[]) {
  const next = selection.includes(id) ? selection.filter((x) => x !== id) : [...selection, id];
  return order.filter((x) => next.includes(x));
}
