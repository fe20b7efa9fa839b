/**
 * Loop and repeat-contact friction on real logs (../shared/data/logs: help desk, BPIC 2012)
 * equal an independent count made here, straight from the raw file: the log is gunzipped and
 * read by a small tag scanner of this test's own (never src/ingest), activities are mapped with
 * the exact names listed in the workspace YAML, and the written definitions of
 * docs/workspace.md "friction" are applied in plain TypeScript. The product runs its real path:
 * import into an in-memory store, journeys, the friction statements, then `jl_friction`.
 * The workspaces are in test/fixtures/real-logs; their comments say why each contact is one.
 *
 * What the real data exercises (each was checked by breaking the independent count): equal
 * timestamps (file order decides loops in BPIC 2012; contacts at one instant count together in
 * the help desk), UTC offsets (BPIC 2012's windows span daylight-saving changes), the
 * not-directly-before rule and the window length. It never puts two contacts exactly
 * `withinDays` apart, so the inclusive window edge is left to src/query/friction.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { importFile } from '../src/ingest/import.js';
import { loadWorkspaceOrThrow } from '../src/model/workspace.js';
import { createFriction, FRICTION } from '../src/query/friction.js';
import { raw, sql } from '../src/query/sql.js';
import { buildJourneys } from '../src/service/journeys.js';
import { openStore } from '../src/service/workspace-store.js';
import { describeWithSharedData } from './shared-data.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'real-logs');
const LOGS = [
  { log: 'helpdesk.xes.gz', workspace: 'helpdesk.yaml', oracle: 'helpdesk.json' },
  { log: 'bpic2012.xes.gz', workspace: 'bpic2012.yaml', oracle: 'bpic2012.json' },
];
const TYPES = ['loop', 'repeat_contact'] as const;
type TType = (typeof TYPES)[number];
const MICROS_PER_DAY = 86_400_000_000;

// ---------------------------------------------------------------------------------------------
// The raw log, read independently of src/ingest.

type TRawEvent = { activity: string; micros: number };

const TAG = /<(\/?)([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name) =>
    hex !== undefined
      ? String.fromCodePoint(parseInt(hex, 16))
      : dec !== undefined
        ? String.fromCodePoint(Number(dec))
        : (NAMED[name as string] ?? ''),
  );
}

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) out.set(m[1] ?? '', decode(m[2] ?? m[3] ?? ''));
  return out;
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

/** An XES `time:timestamp` as µs since the epoch, honouring its offset (none: UTC). */
function toMicros(text: string): number {
  const m = TIMESTAMP.exec(text);
  if (m === null) throw new Error(`unreadable timestamp "${text}"`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = Number(`${m[7] ?? ''}000000`.slice(0, 6));
  const zone = m[8] ?? 'Z';
  const offsetMinutes =
    zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  return Date.UTC(y, mo - 1, d, h, mi, s) * 1000 + fraction - offsetMinutes * 60_000_000;
}

/**
 * The events of each case (trace `concept:name`), cases and events in file order. Only the
 * attributes that are direct children of a trace or an event count (log headers and nested
 * attributes also use `concept:name`). Traces with the same name are one case.
 */
function readXesCases(path: string): Map<string, TRawEvent[]> {
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  const cases = new Map<string, TRawEvent[]>();
  const stack: string[] = [];
  let traceName: string | undefined;
  let traceEvents: TRawEvent[] = [];
  let event: { activity?: string; timestamp?: string } | undefined;
  for (const m of text.matchAll(TAG)) {
    const [, closing, name = '', rest = ''] = m;
    if (closing === '/') {
      stack.pop();
      if (name === 'event' && event !== undefined && stack.at(-1) === 'trace') {
        const { activity, timestamp } = event;
        if (activity === undefined || timestamp === undefined)
          throw new Error(`an event of trace ${traceName} lacks its name or time`);
        traceEvents.push({ activity, micros: toMicros(timestamp) });
        event = undefined;
      } else if (name === 'trace') {
        if (traceName === undefined) throw new Error('a trace without concept:name');
        cases.set(traceName, [...(cases.get(traceName) ?? []), ...traceEvents]);
        traceName = undefined;
        traceEvents = [];
      }
      continue;
    }
    const parent = stack.at(-1);
    if (name === 'event' && parent === 'trace') event = {};
    if (parent === 'trace' || parent === 'event') {
      const attrs = attributes(rest);
      const key = attrs.get('key');
      const value = attrs.get('value');
      if (parent === 'trace' && key === 'concept:name') traceName = value;
      if (parent === 'event' && event !== undefined && key === 'concept:name')
        event.activity = value;
      if (parent === 'event' && event !== undefined && key === 'time:timestamp')
        event.timestamp = value;
    }
    if (!rest.endsWith('/')) stack.push(name);
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// The definitions (docs/workspace.md "friction"), applied to the raw cases.

type TOccurrence = { type: TType; touchpoint: string; customer: string; n: number };

type TRules = {
  touchpointOf: Map<string, string>;
  contacts: Set<string>;
  count: number;
  withinDays: number;
};

/** The activity table and the contact rules, read from the YAML with a plain YAML parser. */
function rulesOf(yamlText: string): TRules {
  const doc = parseYaml(yamlText) as {
    touchpoints: { id: string; activities: string[] }[];
    friction: {
      contactTouchpoints: string[];
      repeatContact: { count: number; withinDays: number; sameReason: boolean };
    };
  };
  const touchpointOf = new Map<string, string>();
  for (const t of doc.touchpoints) {
    for (const a of t.activities) {
      if (a.startsWith('/')) throw new Error(`${a}: this test maps exact names only`);
      touchpointOf.set(a, t.id);
    }
  }
  const { contactTouchpoints, repeatContact } = doc.friction;
  if (repeatContact.sameReason) throw new Error('the logs have no contact reasons');
  return {
    touchpointOf,
    contacts: new Set(contactTouchpoints),
    count: repeatContact.count,
    withinDays: repeatContact.withinDays,
  };
}

/**
 * Loops and repeat contacts of every case. The customer is the case. A journey is the case's
 * events in time order, equal times in file order (a stable sort).
 */
function countIndependently(cases: Map<string, TRawEvent[]>, rules: TRules): TOccurrence[] {
  const tally = new Map<string, TOccurrence>();
  const add = (type: TType, touchpoint: string, customer: string): void => {
    const key = `${type}\u0000${touchpoint}\u0000${customer}`;
    const seen = tally.get(key);
    if (seen === undefined) tally.set(key, { type, touchpoint, customer, n: 1 });
    else seen.n += 1;
  };
  const window = rules.withinDays * MICROS_PER_DAY;
  for (const [customer, events] of cases) {
    const steps = events
      .map((e) => {
        const touchpoint = rules.touchpointOf.get(e.activity);
        if (touchpoint === undefined) throw new Error(`unmapped activity "${e.activity}"`);
        return { touchpoint, micros: e.micros };
      })
      .sort((a, b) => a.micros - b.micros);

    // Loop: the touchpoint was passed earlier in the journey, and not directly before.
    const passed = new Set<string>();
    let previous: string | undefined;
    for (const { touchpoint } of steps) {
      if (touchpoint !== previous && passed.has(touchpoint)) add('loop', touchpoint, customer);
      passed.add(touchpoint);
      previous = touchpoint;
    }

    // Repeat contact: at least the count-th contact within withinDays up to and including it,
    // both ends inclusive, contacts at the same instant counted together.
    const contacts = steps.filter((s) => rules.contacts.has(s.touchpoint));
    for (const contact of contacts) {
      const within = contacts.filter(
        (c) => c.micros >= contact.micros - window && c.micros <= contact.micros,
      ).length;
      if (within >= rules.count) add('repeat_contact', contact.touchpoint, customer);
    }
  }
  return [...tally.values()];
}

// ---------------------------------------------------------------------------------------------
// Comparing the two.

type TFigures = { occurrences: number; customers: number };

/** Occurrences and distinct customers per type, and per type and touchpoint. */
function figures(rows: readonly TOccurrence[]): Record<string, TFigures> {
  const groups = new Map<string, { occurrences: number; customers: Set<string> }>();
  for (const r of rows) {
    for (const key of [r.type, `${r.type} @ ${r.touchpoint}`]) {
      const g = groups.get(key) ?? { occurrences: 0, customers: new Set<string>() };
      g.occurrences += r.n;
      g.customers.add(r.customer);
      groups.set(key, g);
    }
  }
  const sorted = [...groups].sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(
    sorted.map(([k, g]) => [k, { occurrences: g.occurrences, customers: g.customers.size }]),
  );
}

/** The first few (type, touchpoint, customer) whose counts differ: the smallest cases to read. */
function differences(
  product: readonly TOccurrence[],
  independent: readonly TOccurrence[],
): string[] {
  const key = (o: TOccurrence): string => `${o.type} @ ${o.touchpoint} for ${o.customer}`;
  const counts = new Map<string, [number, number]>();
  for (const o of product) counts.set(key(o), [o.n, 0]);
  for (const o of independent) counts.set(key(o), [counts.get(key(o))?.[0] ?? 0, o.n]);
  return [...counts]
    .filter(([, [p, i]]) => p !== i)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .slice(0, 10)
    .map(([k, [p, i]]) => `${k}: product ${p}, independent ${i}`);
}

describeWithSharedData(
  'loop and repeat contact on real logs equal an independent count',
  (data) => {
    for (const { log, workspace: workspaceFile, oracle } of LOGS) {
      it(log, async () => {
        const yamlText = readFileSync(join(FIXTURES, workspaceFile), 'utf8');
        const path = join(data, 'logs', log);

        const cases = readXesCases(path);
        const pm4py = JSON.parse(readFileSync(join(data, 'oracle', oracle), 'utf8')) as {
          cases: number;
          events: number;
        };
        const events = [...cases.values()].reduce((n, e) => n + e.length, 0);
        // The scanner reads what PM4Py reads, so the independent side starts from the same log.
        expect({ cases: cases.size, events }).toEqual({ cases: pm4py.cases, events: pm4py.events });
        const independent = countIndependently(cases, rulesOf(yamlText));

        const workspace = loadWorkspaceOrThrow(yamlText, workspaceFile);
        const store = await openStore(':memory:');
        let product: TOccurrence[];
        try {
          const report = await importFile(store, { path, kind: 'events', keepAttributes: false });
          expect(report.quarantined).toBe(0);
          const { summary, plan } = await buildJourneys(store, workspace);
          expect(summary).toMatchObject({ events, mappedEvents: events, unmapped: [] });
          for (const statement of createFriction(workspace.friction, plan))
            await store.exec(statement);
          product = await store.all<TOccurrence>(
            sql`SELECT type, touchpoint, customer_id AS customer, CAST(count(*) AS INTEGER) AS n
            FROM ${raw(FRICTION)} WHERE type IN ('loop', 'repeat_contact')
            GROUP BY type, touchpoint, customer_id`,
          );
        } finally {
          await store.close();
        }

        expect(differences(product, independent)).toEqual([]);
        expect(figures(product)).toEqual(figures(independent));
        // The check means something only if both detectors fire often on the real data.
        for (const type of TYPES) {
          expect(figures(independent)[type]?.occurrences).toBeGreaterThan(100);
        }
      });
    }
  },
);
