/**
 * Routing by contact reason, the use case: answers "how should we treat this contact?" from
 * memory (the current workspace, the live context), logs each decision off the hot path, and
 * serves the reports. `route` is synchronous on purpose: it never waits on the database.
 */
import { randomUUID } from 'node:crypto';
import {
  checkContact,
  compileRouter,
  liveWindowDays,
  routeContact,
  type TReason,
  type TRoutingProblem,
} from '../analysis/routing.js';
import { assignSegment } from '../model/segment-rule.js';
import type { TContactReason, TWorkspace } from '../model/workspace-schema.js';
import { createRoutingSchema, type TRange, type TVolumeDimension } from '../query/routing.js';
import type { TStore } from '../store/store.js';
import { LiveContext, type TLiveEvent } from './live-context.js';
import { DecisionLog, type TDecisionLogOptions } from './routing-log.js';
import type { TRouteAnswer } from './routing-answer.js';
import {
  containment,
  contactVolumes,
  type TContainment,
  type TVolumes,
} from './routing-reports.js';
import type { TLog, TWorkspaceSource } from './workspace-source.js';

export type TRouteRequest = {
  /** The customer by id (segment and contacts from the store), by attributes, or both. */
  customer: { id?: string | undefined; attributes?: Record<string, unknown> | undefined };
  reason: TReason;
  channel: string;
  context?:
    | {
        /** The lifecycle stage the contact is about, for the reports. */
        stage?: string | undefined;
        /** The caller knows of an unresolved problem (an open complaint, case or incident). */
        openFriction?: boolean | undefined;
      }
    | undefined;
};

export type TRoutingOptions = {
  workspace: TWorkspaceSource;
  /** Where the decision log table is created (the server's write session). */
  store: TStore;
  /** Sessions of the routing service's own: one for loads and reports, one for the log. */
  reader: TStore;
  writer: TStore;
  log: TLog;
  now?: () => number;
  decisionLog?: TDecisionLogOptions;
  /** How often customers imported since the last look are read (ms). */
  customersEveryMs?: number;
  /** How often contacts that left the window are swept (ms). */
  pruneEveryMs?: number;
};

export class RoutingService {
  readonly live: LiveContext;
  readonly decisions: DecisionLog;
  private readonly now: () => number;
  private timers: NodeJS.Timeout[] = [];
  private refreshSoon: NodeJS.Timeout | undefined;

  constructor(private readonly options: TRoutingOptions) {
    this.now = options.now ?? Date.now;
    this.live = new LiveContext({ session: options.reader, now: this.now, log: options.log });
    this.decisions = new DecisionLog(options.writer, options.log, options.decisionLog);
  }

  async start(): Promise<void> {
    const { store, workspace } = this.options;
    for (const statement of createRoutingSchema()) await store.exec(statement);
    await workspace.start();
    await this.live.load(workspace.current());
    workspace.onChange((ws) => void this.live.load(ws));
    this.decisions.start();
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.options.customersEveryMs ?? 30_000, () => void this.refreshCustomers());
    every(this.options.pruneEveryMs ?? 600_000, () => void this.live.prune());
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    if (this.refreshSoon !== undefined) clearTimeout(this.refreshSoon);
    await this.options.workspace.stop();
    await this.live.idle();
    await this.decisions.stop();
  }

  workspace(): TWorkspace {
    return this.options.workspace.current();
  }

  /** Routes one contact: the answer, or what is wrong with the request (a 400). */
  route(
    request: TRouteRequest,
  ): TRouteAnswer | TRoutingProblem | { field: 'stage'; message: string; known: string[] } {
    const ws = this.options.workspace.current();
    const router = compileRouter(ws);
    const problem = checkContact(router, request.reason, request.channel);
    if (problem !== null) return problem;
    const stage = request.context?.stage;
    if (stage !== undefined && !ws.stages.includes(stage)) {
      return {
        field: 'stage',
        known: ws.stages,
        message: `unknown stage ${JSON.stringify(stage)}; the stages are ${ws.stages.join(', ')}`,
      };
    }
    const id = request.customer.id;
    const stored = id === undefined ? { known: false, segment: null } : this.live.segmentOf(id);
    const attributes = request.customer.attributes;
    const segment =
      attributes !== undefined || !stored.known
        ? (assignSegment(ws, attributes ?? {})?.id ?? null)
        : stored.segment;
    const now = this.now();
    const d = routeContact(router, {
      segment: segment ?? undefined,
      reason: request.reason,
      channel: request.channel,
      now,
      earlier: id === undefined ? [] : this.live.earlier(id),
      openFriction: request.context?.openFriction === true,
    });
    const decisionId = randomUUID();
    this.decisions.record({
      decision_id: decisionId,
      decided_at: now,
      customer_id: id ?? null,
      known_customer: stored.known,
      segment,
      primary_reason: request.reason.primary,
      secondary_reason: request.reason.secondary ?? null,
      channel: request.channel,
      stage: stage ?? null,
      rule_id: d.rule,
      base_treatment: d.baseTreatment,
      treatment: d.treatment,
      adjustments: d.adjustments.length === 0 ? null : d.adjustments.map((a) => a.kind).join(','),
      contacts: d.friction.contacts,
    });
    const u = d.friction.unresolvedContact;
    return {
      decisionId,
      treatment: d.treatment,
      rule: d.rule,
      why: d.why,
      fields: d.fields,
      customer: { id: id ?? null, known: stored.known, segment, serviceTier: d.serviceTier },
      reason: { primary: request.reason.primary, secondary: request.reason.secondary ?? null },
      channel: request.channel,
      baseTreatment: d.baseTreatment,
      friction: {
        contacts: d.friction.contacts,
        windowDays: liveWindowDays(ws),
        repeatContact: d.friction.repeatContact,
        unresolvedContact:
          u === null
            ? null
            : { at: new Date(u.ts).toISOString(), outcome: u.outcome, reason: u.reason },
        declared: d.friction.declared,
        active: d.friction.active,
      },
      adjustments: d.adjustments,
    };
  }

  /** The contact reason taxonomy of the workspace. */
  contactReasons(): TContactReason[] {
    return this.options.workspace.current().contactReasons;
  }

  /** Committed events from the ingest bus: their contacts join the live context at once. */
  ingested(events: readonly TLiveEvent[]): void {
    this.live.apply(events);
    // New customers may have come with them: look soon, once for a burst of batches.
    this.refreshSoon ??= setTimeout(() => {
      this.refreshSoon = undefined;
      void this.refreshCustomers();
    }, 1000);
    this.refreshSoon.unref();
  }

  async refreshCustomers(): Promise<number> {
    return this.live.refreshCustomers(this.options.workspace.current());
  }

  async volumes(request: {
    by: TVolumeDimension;
    source: 'events' | 'decisions';
    range: TRange;
  }): Promise<TVolumes> {
    // Reports see every decision answered before them.
    if (request.source === 'decisions') await this.decisions.flush();
    return contactVolumes(this.options.reader, this.workspace(), request);
  }

  async containment(request: {
    range: TRange;
    days?: number | undefined;
    selfServiceChannels?: readonly string[] | undefined;
  }): Promise<TContainment> {
    await this.decisions.flush();
    return containment(this.options.reader, this.workspace(), { ...request, now: this.now() });
  }
}
