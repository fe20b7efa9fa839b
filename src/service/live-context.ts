/**
 * The live context of routing, in memory so that a routing decision never waits on the
 * database: each customer's segment (from the customers table, by the workspace's segment
 * rules) and each customer's contacts of the last `liveWindowDays` days (time, reason,
 * channel, outcome). Built at start from the store — only the window is read — and kept up to
 * date from each committed ingest batch; customers imported later are picked up by a cheap
 * incremental read (`refreshCustomers`, by import id). When the workspace changes what the
 * context depends on (segment rules, the window, what a contact is), it is rebuilt in the
 * background while the old one keeps answering; batches that arrive meanwhile are replayed.
 *
 * Memory is bounded: contacts older than the window are dropped (on each new contact of the
 * customer and in a periodic sweep), at most `maxContacts` are kept per customer, and a contact
 * costs 16 bytes. Both tables are typed arrays, not an object per customer: the garbage
 * collector has nothing to mark in them, so a million customers do not pause the server
 * (string-index.ts). A customer who made a contact keeps its number until the context is
 * rebuilt: at most one key per customer of the company. docs/routing.md gives the measured cost.
 */
import { compileActivityMatcher } from '../model/workspace-activities.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import { liveWindowDays, type TEarlierContact } from '../analysis/routing.js';
import {
  activitiesSince,
  customerSegments,
  maxCustomerImport,
  maxEventSeq,
  recentContacts,
  type TContactFilter,
} from '../query/routing.js';
import type { TStore } from '../store/store.js';
import { ContactLists } from './contact-lists.js';
import { SegmentTable } from './segment-table.js';
import type { TLog } from './workspace-source.js';

/** An event as the ingest bus publishes it (the fields the live context reads). */
export type TLiveEvent = {
  seq: number;
  customerId: string;
  ts: Date;
  activity: string;
  channel: string | null;
  outcome: string | null;
  reason: string | null;
};

export type TLiveContextOptions = {
  /** A session of its own for the loads (they may take seconds on a large store). */
  session: TStore;
  now: () => number;
  log: TLog;
  /** Large tables are read in this many parts, so no single result holds every row. */
  chunks?: number;
  /** Contacts kept per customer (the newest); counts saturate there. */
  maxContacts?: number;
};

const DAY_MS = 86_400_000;
/** A contact as `recentContacts` sends it: customer, epoch ms, reason, channel, activity, outcome. */
type TContactRow = [string, string, string | null, string | null, string | null, string | null];
const OUTCOMES = [null, 'ok', 'failed', 'abandoned'] as const;
/** Codes pack reason, channel and outcome into one small integer: reason·2¹⁶ + channel·4 + outcome. */
const MAX_CODES = 16_383;

/** What the contacts depend on in a workspace: the window and what counts as a contact. */
type TContactRules = {
  windowMs: number;
  /** The contact touchpoints' ids, or undefined: every event with a reason is a contact. */
  contactTouchpoints: ReadonlySet<string> | undefined;
  touchpointOf: (activity: string) => string | undefined;
  channelOf: ReadonlyMap<string, string>;
};

type TState = { segments: SegmentTable; contacts: ContactLists };

class Codes {
  private readonly index = new Map<string, number>();
  readonly values: (string | null)[] = [null];
  code(value: string | null): number {
    if (value === null) return 0;
    const hit = this.index.get(value);
    if (hit !== undefined) return hit;
    if (this.values.length > MAX_CODES) return 0;
    this.values.push(value);
    this.index.set(value, this.values.length - 1);
    return this.values.length - 1;
  }
}

export class LiveContext {
  private state: TState;
  private readonly reasons = new Codes();
  private readonly channels = new Codes();
  private rules: TContactRules | undefined;
  private segmentKey = '';
  private contactKey = '';
  private customersImport = 0;
  /** Batches that arrived while the contacts are being reloaded, replayed after. */
  private pending: TLiveEvent[] | undefined;
  /** Loads and refreshes run one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly chunks: number;
  private readonly maxContacts: number;

  constructor(private readonly options: TLiveContextOptions) {
    this.chunks = options.chunks ?? 4;
    this.maxContacts = options.maxContacts ?? 64;
    this.state = { segments: new SegmentTable([]), contacts: new ContactLists(this.maxContacts) };
  }

  /** Builds everything for this workspace (at start), or rebuilds what its changes touch. */
  load(workspace: TWorkspace): Promise<void> {
    return this.serial(async () => {
      const segmentKey = JSON.stringify(workspace.segments.map((s) => [s.id, s.rule]));
      const contactKey = JSON.stringify([
        liveWindowDays(workspace),
        workspace.friction.contactTouchpoints,
        workspace.touchpoints.map((t) => [t.id, t.channel, t.activities]),
      ]);
      if (segmentKey !== this.segmentKey) {
        await this.loadSegments(workspace);
        this.segmentKey = segmentKey;
      }
      if (contactKey !== this.contactKey) {
        await this.loadContacts(workspace);
        this.contactKey = contactKey;
      }
    });
  }

  /** The customer's segment id (null: in none) and whether the store knows the customer. */
  segmentOf(customerId: string): { known: boolean; segment: string | null } {
    return this.state.segments.get(customerId);
  }

  /** The customer's contacts in the window, oldest first. */
  earlier(customerId: string): TEarlierContact[] {
    const out: TEarlierContact[] = [];
    this.state.contacts.forEach(customerId, (ts, code) => {
      out.push({
        ts,
        reason: this.reasons.values[Math.floor(code / 65_536)] ?? null,
        channel: this.channels.values[Math.floor(code / 4) % 16_384] ?? null,
        outcome: OUTCOMES[code % 4] ?? null,
      });
    });
    return out;
  }

  /** Adds the contacts among the committed events of an ingest batch. */
  apply(events: readonly TLiveEvent[]): void {
    if (this.pending !== undefined) this.pending.push(...events);
    this.add(this.state, events, -Infinity);
  }

  /** Reads the segments of customers imported since the last read (cheap when there are none). */
  refreshCustomers(workspace: TWorkspace): Promise<number> {
    return this.serial(async () => {
      if (JSON.stringify(workspace.segments.map((s) => [s.id, s.rule])) !== this.segmentKey)
        return 0;
      return this.readSegments(workspace, this.state.segments);
    });
  }

  /**
   * Drops contacts older than the window and customers left with none, `slice` customers at a
   * time with a pause between slices, so a sweep of a million customers never holds up a
   * routing request for more than a few milliseconds.
   */
  async prune(slice = 10_000): Promise<number> {
    if (this.rules === undefined) return 0;
    const since = this.options.now() - this.rules.windowMs;
    const contacts = this.state.contacts;
    let dropped = 0;
    for (let from = 0; from < contacts.numbered; from += slice) {
      dropped += contacts.pruneRange(since, from, from + slice);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return dropped;
  }

  /** Sizes, for the logs and the benchmark. */
  stats(): { customers: number; customersWithContacts: number; contacts: number } {
    return { customers: this.state.segments.size, ...this.state.contacts.stats() };
  }

  /** Resolves when every load queued so far has finished. */
  idle(): Promise<void> {
    return this.serial(() => Promise.resolve());
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch((e: unknown) => {
      this.options.log.log('error', 'live context: load failed', { error: (e as Error).message });
    });
    return run;
  }

  private async loadSegments(workspace: TWorkspace): Promise<void> {
    const started = performance.now();
    const segments = new SegmentTable(workspace.segments.map((s) => s.id));
    this.customersImport = 0;
    const read = await this.readSegments(workspace, segments);
    this.state = { ...this.state, segments };
    this.options.log.log('info', 'live context: segments loaded', {
      customers: read,
      ms: Math.round(performance.now() - started),
    });
  }

  private async readSegments(workspace: TWorkspace, into: SegmentTable): Promise<number> {
    const { session } = this.options;
    const [latest] = await session.all<{ import_id: number }>(maxCustomerImport);
    const upTo = latest?.import_id ?? 0;
    if (upTo <= this.customersImport) return 0;
    const rules = workspace.segments.map((s) => s.rule);
    const groups = await session.all<{ segment: number | null; customers: number; ids: string }>(
      customerSegments(rules, this.customersImport),
    );
    let read = 0;
    for (const g of groups) {
      const segment = g.segment !== null && g.segment < into.segmentIds.length ? g.segment : null;
      for (const id of JSON.parse(g.ids) as string[]) into.set(id, segment);
      read += g.customers;
    }
    this.customersImport = upTo;
    return read;
  }

  private async loadContacts(workspace: TWorkspace): Promise<void> {
    const started = performance.now();
    const { session, now } = this.options;
    const rules = contactRules(workspace);
    const since = now() - rules.windowMs;
    this.pending = [];
    try {
      const contacts = new ContactLists(this.maxContacts);
      const next: TState = { segments: this.state.segments, contacts };
      const seq = await session.transaction(async () => {
        const filter = await contactFilter(session, rules, since);
        const [latest] = await session.all<{ seq: number }>(maxEventSeq);
        for (let index = 0; index < this.chunks; index++) {
          const [chunk] = await session.all<{ rows: string }>(
            recentContacts(since, filter, { index, of: this.chunks }),
          );
          for (const [customer, ts, reason, channel, activity, outcome] of JSON.parse(
            chunk?.rows ?? '[]',
          ) as TContactRow[]) {
            const code = this.code(reason, channel ?? channelOfActivity(rules, activity), outcome);
            contacts.push(customer, since, Number(ts), code);
          }
        }
        return latest?.seq ?? -1;
      });
      this.rules = rules;
      // Batches committed after the snapshot above were published meanwhile: replay them.
      this.add(next, this.pending, seq);
      this.state = { segments: this.state.segments, contacts };
      this.options.log.log('info', 'live context: contacts loaded', {
        windowDays: rules.windowMs / DAY_MS,
        ...this.stats(),
        ms: Math.round(performance.now() - started),
      });
    } finally {
      this.pending = undefined;
    }
  }

  private add(state: TState, events: readonly TLiveEvent[], afterSeq: number): void {
    const rules = this.rules;
    if (rules === undefined) return;
    const since = this.options.now() - rules.windowMs;
    for (const e of events) {
      if (e.seq <= afterSeq) continue;
      if (rules.contactTouchpoints === undefined) {
        if (e.reason === null) continue;
      } else {
        const tp = rules.touchpointOf(e.activity);
        if (tp === undefined || !rules.contactTouchpoints.has(tp)) continue;
      }
      const ts = e.ts.getTime();
      if (ts < since) continue;
      const channel = e.channel ?? channelOfActivity(rules, e.activity);
      state.contacts.push(e.customerId, since, ts, this.code(e.reason, channel, e.outcome));
    }
  }

  private code(reason: string | null, channel: string | null, outcome: string | null): number {
    const o = OUTCOMES.indexOf(outcome as (typeof OUTCOMES)[number]);
    return this.reasons.code(reason) * 65_536 + this.channels.code(channel) * 4 + Math.max(0, o);
  }
}

function contactRules(workspace: TWorkspace): TContactRules {
  const matcher = compileActivityMatcher(workspace);
  const listed = workspace.friction.contactTouchpoints;
  return {
    windowMs: liveWindowDays(workspace) * DAY_MS,
    contactTouchpoints: listed === undefined ? undefined : new Set<string>(listed),
    touchpointOf: matcher,
    channelOf: new Map(workspace.touchpoints.map((t) => [t.id as string, t.channel])),
  };
}

function channelOfActivity(rules: TContactRules, activity: string | null): string | null {
  if (activity === null) return null;
  const tp = rules.touchpointOf(activity);
  return tp === undefined ? null : (rules.channelOf.get(tp) ?? null);
}

/** Contacts by reason, or the raw activities (seen since `since`) of the contact touchpoints. */
async function contactFilter(
  session: TStore,
  rules: TContactRules,
  since: number | null,
): Promise<TContactFilter> {
  const listed = rules.contactTouchpoints;
  if (listed === undefined) return { byReason: true };
  const rows = await session.all<{ activity: string }>(activitiesSince(since));
  const activities = rows
    .map((r) => r.activity)
    .filter((a) => {
      const tp = rules.touchpointOf(a);
      return tp !== undefined && listed.has(tp);
    });
  return { byReason: false, activities };
}
