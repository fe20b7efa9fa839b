/**
 * The alert scheduler: evaluates every enabled rule when the server starts, shortly after
 * ingest settles (a quiet period after the last batch, so a stream of batches is one
 * evaluation), when the imports table shows data that did not pass the ingest bus (file
 * imports, feedback, customers), and on a timer (the windows roll with time). Evaluations run
 * one at a time; raised and resolved alerts are published on the alerts stream and their
 * webhooks queued for the delivery worker.
 *
 * Stopping cancels the timers and waits for the evaluation in flight; nothing is lost by a
 * stop or a crash in between — the rule's state and its deliveries are written together.
 */
import { createAlertSchema } from '../../query/alert-schema.js';
import { sql } from '../../query/sql.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import type { TStore } from '../../store/store.js';
import { measureMetrics } from '../metrics/measure.js';
import { ensureTriggerSchema } from '../triggers/triggers.js';
import type { TWorkerLog } from '../triggers/delivery-worker.js';
import type { TWorkspaceLoader } from '../triggers/workspace-rules.js';
import { decide, evaluationWindows, type TDecision, type TWindow } from './alert-decision.js';
import { formatValue } from './alert-format.js';
import { metricUnit } from '../../model/metric-unit.js';
import {
  evaluateRules,
  type TMeasureMany,
  type TRuleOutcome,
  type TTrigger,
} from './alert-evaluator.js';
import { forgetEvaluations, getRule, listRules } from './alert-store.js';
import { LiveFeed } from '../live-feed.js';
import type { TAlertStreamEvent, TMeasure } from './alert-types.js';

export type TAlertOptions = {
  now?: () => number;
  /** Every rule is evaluated this often (default 15 minutes). */
  intervalMs?: number;
  /** After an ingest batch, evaluate once no other batch came for this long (default 5 s). */
  quietMs?: number;
  /** ...but at the latest this long after the first batch not evaluated yet (default 60 s). */
  maxWaitMs?: number;
  /** How often the imports are looked at for data that did not pass the bus (default 30 s). */
  probeMs?: number;
  /** Evaluations are kept this long (default 90 days). */
  keepEvaluationsMs?: number;
  /** How metrics are measured (default: measureMetrics, the product's one definition). */
  measure?: TMeasureMany;
  /** The web app's address, for a link in webhooks. */
  appUrl?: string;
};

/** The live feed of alert events for the web app; in memory (the inbox reloads on reconnect). */
export class AlertStream extends LiveFeed<TAlertStreamEvent> {}

export async function ensureAlertSchema(store: TStore): Promise<void> {
  await ensureTriggerSchema(store);
  for (const statement of createAlertSchema()) await store.exec(statement);
}

/** What an evaluation without effects found (a person trying a rule). */
export type TPreview = {
  at: string;
  window: { from: string; to: string };
  baselineWindow: { from: string; to: string } | null;
  current: TMeasure;
  baseline: TMeasure | null;
  decision: TDecision;
};

const DAY_MS = 86_400_000;

export class AlertService {
  readonly stream = new AlertStream();
  private queue: Promise<unknown> = Promise.resolve();
  private started = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private maxWaitTimer: ReturnType<typeof setTimeout> | undefined;
  private probeTimer: ReturnType<typeof setInterval> | undefined;
  private importsSeen = '';
  /** An evaluation is scheduled and has not started: another request joins it. */
  private waiting = false;
  private housekeptAt = -Infinity;
  readonly now: () => number;

  constructor(
    private readonly store: TStore,
    private readonly loadWorkspace: TWorkspaceLoader,
    private readonly log: TWorkerLog,
    /** Called when webhook deliveries were queued (wakes the delivery worker). */
    private readonly onQueued: () => void,
    private readonly options: TAlertOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now());
  }

  get appUrl(): string | undefined {
    return this.options.appUrl;
  }

  /** Creates the tables, starts the timer and a first evaluation (not waited for). */
  async start(): Promise<void> {
    await ensureAlertSchema(this.store);
    this.started = true;
    this.timer = setInterval(() => this.schedule('timer'), this.options.intervalMs ?? 900_000);
    this.timer.unref();
    // File imports, feedback and customers do not pass the ingest bus: look at the imports.
    this.importsSeen = await this.importsSignature();
    this.probeTimer = setInterval(() => {
      this.probeImports().catch((e: unknown) => {
        this.log.log('warn', 'alerts: imports not looked at', { error: (e as Error).message });
      });
    }, this.options.probeMs ?? 30_000);
    this.probeTimer.unref();
    this.schedule('start');
  }

  private async importsSignature(): Promise<string> {
    const [row] = await this.store.all<{ n: number; last: number }>(
      sql`SELECT count(*) AS n, coalesce(max(import_id), 0) AS last FROM imports`,
    );
    return `${row?.n ?? 0}:${row?.last ?? 0}`;
  }

  private async probeImports(): Promise<void> {
    if (!this.started) return;
    const now = await this.importsSignature();
    if (now === this.importsSeen) return;
    this.importsSeen = now;
    this.dataChanged();
  }

  /**
   * Ingest stored a batch: evaluate once the batches have stopped for the quiet period, or,
   * when they do not stop, once the longest wait has passed since the first of them.
   */
  dataChanged(): void {
    if (!this.started) return;
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.flush(), this.options.quietMs ?? 5000);
    this.quietTimer.unref();
    if (this.maxWaitTimer === undefined) {
      this.maxWaitTimer = setTimeout(() => this.flush(), this.options.maxWaitMs ?? 60_000);
      this.maxWaitTimer.unref();
    }
  }

  /** The evaluation after ingest, now. */
  private flush(): void {
    clearTimeout(this.quietTimer);
    clearTimeout(this.maxWaitTimer);
    this.quietTimer = undefined;
    this.maxWaitTimer = undefined;
    this.schedule('ingest');
  }

  /**
   * Resolves once the evaluations scheduled so far are done; an evaluation still waiting for
   * the quiet period after ingest starts now.
   */
  async idle(): Promise<void> {
    if (this.quietTimer !== undefined) this.flush();
    await this.queue;
  }

  /** Evaluates every enabled rule now, after the evaluations already scheduled. */
  evaluateAll(trigger: TTrigger): Promise<TRuleOutcome[]> {
    return this.serially(async () => {
      const rules = await listRules(this.store);
      return this.evaluate(rules, trigger);
    });
  }

  /** Evaluates one rule now (recorded; may raise or resolve); undefined when there is none. */
  evaluateOne(id: string): Promise<TRuleOutcome | undefined | 'disabled'> {
    return this.serially(async () => {
      const rule = await getRule(this.store, id);
      if (rule === undefined) return undefined;
      if (!rule.enabled) return 'disabled';
      const [outcome] = await this.evaluate([rule], 'manual');
      return outcome;
    });
  }

  /** Measures and decides a rule at `atMs` without recording or telling anyone. */
  async preview(id: string, atMs: number): Promise<TPreview | undefined | 'no_workspace'> {
    const rule = await getRule(this.store, id);
    if (rule === undefined) return undefined;
    const workspace = await this.loadWorkspace();
    if (workspace === undefined) return 'no_workspace';
    const { current, baseline } = evaluationWindows(rule.period, rule.condition, atMs);
    const measure = this.options.measure ?? measureMetrics;
    let unit = metricUnit(rule.metric);
    const measureIn = async (w: TWindow): Promise<TMeasure> => {
      const [m] = await measure(this.store, workspace, [rule.metric], period(w));
      unit = m?.unit ?? unit;
      return {
        value: m?.value ?? null,
        n: m?.n ?? 0,
        low: m?.interval?.[0] ?? null,
        high: m?.interval?.[1] ?? null,
      };
    };
    const cur = await measureIn(current);
    const base = baseline === null ? null : await measureIn(baseline);
    return {
      at: new Date(atMs).toISOString(),
      window: period(current),
      baselineWindow: baseline === null ? null : period(baseline),
      current: cur,
      baseline: base,
      decision: decide({
        condition: rule.condition,
        minN: rule.minN,
        state: rule.state,
        current: cur,
        baseline: base,
        format: (x) => formatValue(unit, x),
      }),
    };
  }

  /** Tells the stream and the worker about alerts changed outside an evaluation. */
  published(e: TAlertStreamEvent, queued = 0): void {
    this.stream.publish(e);
    if (queued > 0) this.onQueued();
  }

  /** The server stops accepting requests: end the streams so it can drain. */
  closing(): void {
    this.stream.close();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearInterval(this.timer);
    clearInterval(this.probeTimer);
    clearTimeout(this.quietTimer);
    clearTimeout(this.maxWaitTimer);
    this.stream.close();
    await this.queue;
  }

  private schedule(trigger: TTrigger): void {
    if (!this.started || this.waiting) return;
    this.waiting = true;
    this.serially(async () => {
      this.waiting = false;
      if (!this.started) return [];
      return this.evaluate(await listRules(this.store), trigger);
    }).catch((e: unknown) => {
      this.log.log('error', 'alert rules not evaluated', { error: (e as Error).message });
    });
  }

  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async evaluate(
    rules: Parameters<typeof evaluateRules>[1],
    trigger: TTrigger,
  ): Promise<TRuleOutcome[]> {
    if (rules.every((r) => !r.enabled)) return [];
    const workspace: TWorkspace | undefined = await this.loadWorkspace();
    if (workspace === undefined) {
      this.log.log('warn', 'alert rules not evaluated: there is no valid journeylens.yaml', {});
      return [];
    }
    const nowMs = this.now();
    const outcomes = await evaluateRules(
      {
        store: this.store,
        reader: this.store,
        workspace,
        measure: this.options.measure ?? measureMetrics,
        nowMs,
        trigger,
        appUrl: this.options.appUrl,
      },
      rules,
    );
    let queued = 0;
    const inApp = new Map(rules.map((r) => [r.id, r.notify.inApp]));
    for (const o of outcomes) {
      queued += o.queued;
      if (o.evaluation.outcome === 'error') {
        this.log.log('warn', 'alert rule not evaluated', {
          rule: o.ruleId,
          error: o.evaluation.reason,
        });
      }
      if (o.alert !== null && o.event !== null) {
        this.log.log('info', o.event, { rule: o.ruleId, alert: o.alert.id, queued: o.queued });
        if (inApp.get(o.ruleId) === true) this.stream.publish({ type: o.event, alert: o.alert });
      }
    }
    if (queued > 0) this.onQueued();
    await this.housekeeping(nowMs);
    return outcomes;
  }

  private async housekeeping(nowMs: number): Promise<void> {
    if (nowMs - this.housekeptAt < DAY_MS) return;
    this.housekeptAt = nowMs;
    await forgetEvaluations(this.store, nowMs - (this.options.keepEvaluationsMs ?? 90 * DAY_MS));
  }
}

function period(w: TWindow): { from: string; to: string } {
  return { from: new Date(w.fromMs).toISOString(), to: new Date(w.toMs).toISOString() };
}
