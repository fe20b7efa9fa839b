/**
 * The analysis as the server answers it: `analyze()` and `discover()` computed on the reading
 * session (never the writer's, so ingest is not held up) and kept until the data or the model
 * changes. Requests that arrive while it is computed wait for that computation instead of
 * starting another (single flight), and two computations never run at once on the session:
 * their scratch tables have fixed names. Knows nothing of HTTP.
 *
 * What "changed" means: a new version of the model (saved through the API or edited in the
 * file), a batch published on the ingest bus (`invalidate`), or a new import in the store
 * (customers and feedback batches, which the bus does not carry).
 *
 * Each computation brings the journey index (query/journey-index.ts) up to date first: after
 * ingest it forms again only the journeys of the new events.
 */
import type { TDiscovery } from '../model/discovery.js';
import type { TWorkspaceError } from '../model/workspace-errors.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import { sql } from '../query/sql.js';
import type { TStore } from '../store/store.js';
import { analyze, type TAnalysis } from './analyze.js';
import { discover } from './discover.js';
import type { WorkspaceModel } from './workspace-model.js';

/** Variants listed by discovery (the rest are counted in `variantsTotal`). */
export const DISCOVERY_VARIANTS = 1000;

export type TResults = {
  /** The model version the results were computed with. */
  modelVersion: number;
  computedAt: string;
  /** The model the results were computed with (for screens that draw it beside them). */
  workspace: TWorkspace;
  analysis: TAnalysis;
  discovery: TDiscovery;
};

/** Why there are no results: no model, or a model that does not validate. */
export type TUnavailable =
  | { kind: 'no_workspace' }
  | { kind: 'workspace_invalid'; version: number; errors: TWorkspaceError[] };

export type TAnalysisDeps = {
  /** The session the analysis runs on (it creates scratch tables there). */
  reader: TStore;
  /** A session for the one-row look at the imports; not the reader, which may be busy. */
  probe: TStore;
  model: WorkspaceModel;
  /** Told how long each computation took (for the logs). */
  onComputed?: (ms: number, modelVersion: number) => void;
  /** Told why the journey index could not be brought up to date (for the logs). */
  onIndexError?: (message: string) => void;
};

export class AnalysisResults {
  private generation = 0;
  private entry: { key: string; results: Promise<TResults> } | undefined;
  private running: Promise<unknown> = Promise.resolve();
  /** How many computations have started (tests check that requests share one). */
  computations = 0;

  private readonly unsubscribe: () => void;
  private warming: { quietMs: number; onError: (e: unknown) => void } | undefined;
  private warmTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: TAnalysisDeps) {
    this.unsubscribe = deps.model.onVersion(() => this.invalidate());
  }

  /** Stops listening to the model (the server stops). */
  dispose(): void {
    this.unsubscribe();
    clearTimeout(this.warmTimer);
    this.warming = undefined;
    this.entry = undefined;
  }

  /** Resolves when the work started on the reading session has ended (before closing it). */
  async settled(): Promise<void> {
    await this.running;
  }

  /** Forget the results: the next request computes them again (or the warming, if on). */
  invalidate(): void {
    this.generation++;
    this.entry = undefined;
    if (this.warming !== undefined) this.warmIn(this.warming.quietMs);
  }

  /**
   * Keep the results ready: compute them now, and again once the data and the model have been
   * quiet for `quietMs` after a change (so a stream of ingest batches does not keep the
   * reading session busy). A request that comes first simply shares the computation.
   */
  keepWarm(quietMs: number, onError: (e: unknown) => void): void {
    this.warming = { quietMs, onError };
    this.warmIn(0);
  }

  private warmIn(ms: number): void {
    clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      const warming = this.warming;
      if (warming !== undefined) this.get().catch(warming.onError);
    }, ms);
    this.warmTimer.unref();
  }

  async get(): Promise<TResults | TUnavailable> {
    const current = await this.deps.model.current();
    if (current === undefined) return { kind: 'no_workspace' };
    if (!current.result.ok) {
      return { kind: 'workspace_invalid', version: current.version, errors: current.result.errors };
    }
    const key = `${current.version}|${this.generation}|${await this.dataSignature()}`;
    // No await between this check and setting `entry`: requests that reach it together share.
    if (this.entry?.key === key) return this.entry.results;
    const workspace = current.result.workspace;
    const results = this.serially(() => this.compute(current.version, workspace));
    this.entry = { key, results };
    results.catch(() => {
      if (this.entry?.results === results) this.entry = undefined;
    });
    return results;
  }

  private async dataSignature(): Promise<string> {
    const [row] = await this.deps.probe.all<{ n: number; last: number }>(
      sql`SELECT count(*) AS n, coalesce(max(import_id), 0) AS last FROM imports`,
    );
    return `${row?.n ?? 0}:${row?.last ?? 0}`;
  }

  /**
   * Other work on the reading session (a filtered process map, a search), run in turn with
   * the computations: both create scratch tables there.
   */
  withReader<T>(fn: (reader: TStore) => Promise<T>): Promise<T> {
    return this.serially(() => fn(this.deps.reader));
  }

  /** Runs `fn` after the computations started before it. */
  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.running.then(fn, fn);
    this.running = run.catch(() => undefined);
    return run;
  }

  private async compute(modelVersion: number, workspace: TWorkspace): Promise<TResults> {
    this.computations++;
    const started = performance.now();
    const { reader } = this.deps;
    // The journey index is brought up to date first: from the events that arrived since (a
    // fraction of forming every journey), or rebuilt when the journey settings changed.
    const analysis = await analyze(reader, workspace, {
      index: 'refresh',
      onIndexError: (message) => this.deps.onIndexError?.(message),
    });
    const discovery = await discover(reader, { topVariants: DISCOVERY_VARIANTS });
    this.deps.onComputed?.(Math.round(performance.now() - started), modelVersion);
    return {
      modelVersion,
      computedAt: new Date().toISOString(),
      workspace,
      analysis,
      discovery,
    };
  }
}
