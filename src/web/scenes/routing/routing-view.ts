/**
 * The routing screen's decisions, apart from React: the period as the reports take it, the
 * taxonomy filtered by what a person types, the request of "try a routing decision" from its
 * form, the volumes as CSV rows, and treatments in words.
 */
import type { TContactReason, TRouteRequest, TTreatment, TVolumeRow } from './routing-types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day after a calendar date: the reports' `to` is exclusive, the person's "to" is not. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The period chosen (calendar dates, both included, UTC) as the reports' query: `from`
 * inclusive, `to` exclusive. A date that does not read is left out, never sent half-made.
 */
export function periodQuery(from: string | undefined, to: string | undefined): URLSearchParams {
  const q = new URLSearchParams();
  if (from !== undefined && DATE.test(from)) q.set('from', from);
  if (to !== undefined && DATE.test(to)) q.set('to', nextDay(to));
  return q;
}

/** "from > to" is a period with nothing in it: say so instead of showing empty reports. */
export function periodProblem(from: string | undefined, to: string | undefined): string | null {
  if (from === undefined || to === undefined || !DATE.test(from) || !DATE.test(to)) return null;
  return from > to ? 'the period ends before it starts' : null;
}

/** Reasons whose id, name or description contains the text; a matching primary keeps all its secondaries. */
export function filterTaxonomy(reasons: readonly TContactReason[], text: string): TContactReason[] {
  const t = text.trim().toLowerCase();
  if (t === '') return [...reasons];
  const hit = (x: { id: string; name: string; description?: string | undefined }): boolean =>
    [x.id, x.name, x.description ?? ''].some((s) => s.toLowerCase().includes(t));
  return reasons.flatMap((r) => {
    if (hit(r)) return [r];
    const secondary = r.secondary.filter(hit);
    return secondary.length === 0 ? [] : [{ ...r, secondary }];
  });
}

export type TTryForm = { customer: string; primary: string; secondary: string; channel: string };

/** The routing request of the form, or what is missing from it. */
export function routeRequest(form: TTryForm): { request: TRouteRequest } | { error: string } {
  const id = form.customer.trim();
  if (id === '') return { error: 'give the customer id' };
  if (form.primary === '') return { error: 'choose the primary reason' };
  if (form.channel === '') return { error: 'choose the channel' };
  return {
    request: {
      customer: { id },
      reason:
        form.secondary === ''
          ? { primary: form.primary }
          : { primary: form.primary, secondary: form.secondary },
      channel: form.channel,
    },
  };
}

const TREATMENT_WORDS: Record<TTreatment, string> = {
  'self-service': 'Self-service',
  chat: 'Chat',
  message: 'Message',
  callback: 'Call back',
  human: 'A person',
  'human-specialist': 'A specialist',
  'human-priority': 'A person, with priority',
};

export const treatmentLabel = (t: TTreatment): string => TREATMENT_WORDS[t];

/** The volumes as a CSV table; by reason, each primary reason then its secondary reasons. */
export function volumeCsv(
  by: 'reason' | 'channel' | 'stage',
  rows: readonly TVolumeRow[],
): { header: string[]; rows: (string | number | null)[][] } {
  const measures = (r: TVolumeRow): (string | number | null)[] => [
    r.contacts,
    r.customers,
    r.share,
  ];
  if (by !== 'reason') {
    return {
      header: [by, 'name', 'contacts', 'customers', 'share'],
      rows: rows.map((r) => [r.key, r.name, ...measures(r)]),
    };
  }
  return {
    header: ['reason', 'name', 'level', 'contacts', 'customers', 'share'],
    rows: rows.flatMap((r) => [
      [r.key, r.name, 'primary', ...measures(r)],
      ...(r.secondary ?? []).map((s) => [s.key, s.name, 'secondary', ...measures(s)]),
    ]),
  };
}
