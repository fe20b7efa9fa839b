/**
 * The live evaluation of moments of truth over what ingest stores: the workspace's rules
 * compiled (src/analysis/moment-trigger-model.ts), their state (src/analysis/moment-triggers.ts)
 * and the ingest position the state is at. The state is rebuilt from the store at start and
 * whenever the workspace's rules change, so it survives restarts; events at or below the
 * position are never evaluated twice.
 */
import {
  triggerModel,
  type TTriggerModel,
  type TTriggerModelOptions,
} from '../../analysis/moment-trigger-model.js';
import { evaluateBatch, type TTriggerState } from '../../analysis/moment-triggers.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import type { TStore } from '../../store/store.js';
import { loadTriggerState } from './moment-state.js';
import { occurrenceOf, type TLiveEvent, type TMomentOccurrence } from './occurrence.js';

export class TriggerEngine {
  private model: TTriggerModel | undefined;
  private state: TTriggerState | undefined;
  private loaded = false;

  constructor(
    /** A session of its own: the rebuild makes temp tables and may take a while. */
    private readonly session: TStore,
    private readonly options: TTriggerModelOptions = {},
    /** Every event with a seq up to this one has been evaluated (or was there at start). */
    public position = 0,
  ) {}

  /** The moments watched, by key (empty before `use`). */
  get moments(): TTriggerModel['moments'] {
    return this.model?.moments ?? [];
  }

  /**
   * Takes the workspace's rules; when they differ from the current ones (or at first), rebuilds
   * the state from the store as of `position`. Returns whether it rebuilt.
   */
  async use(workspace: TWorkspace | undefined): Promise<boolean> {
    const next = workspace === undefined ? undefined : triggerModel(workspace, this.options);
    if (this.loaded && next?.signature === this.model?.signature) return false;
    this.loaded = true;
    this.model = next;
    this.state =
      next === undefined || next.moments.length === 0
        ? undefined
        : await loadTriggerState(this.session, next, this.position);
    return true;
  }

  /**
   * Evaluates events not evaluated before (seq above the position) and moves the position to
   * the highest seq given.
   */
  evaluate(events: readonly TLiveEvent[]): TMomentOccurrence[] {
    const fresh = events.filter((e) => e.seq > this.position);
    for (const e of events) this.position = Math.max(this.position, e.seq);
    const { model, state } = this;
    if (model === undefined || state === undefined || fresh.length === 0) return [];
    return evaluateBatch(model, state, fresh).map((f) => occurrenceOf(model, f));
  }
}
