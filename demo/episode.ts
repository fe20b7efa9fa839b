/**
 * The route a support episode takes the customer along, as the generator decides it: which
 * touchpoints it has been through, where the customer is now, which teams it has passed them
 * between. Every step of an episode goes through `step`, which seeds what the move is by the
 * written definitions (docs/workspace.md): back to a touchpoint left earlier is a loop (doing
 * the same thing twice in a row is not); straight from one team's frontstage step to another
 * team's is a hand-off (a backstage step in between is not); back to a team already left is a
 * ping-pong. One episode is one case (journey), all in the Support stage.
 */
import { FRICTION } from './company.js';
import type { CustomerSim, TCase, TEmit, TSimEvent } from './simulation.js';
import type { TTouchpoint } from './touchpoints.js';

// Hand-offs and ping-pongs count in these stages only; an episode must stay inside them.
const HANDOFF_STAGES: readonly string[] = FRICTION.handoff.stages;

export class Episode {
  private readonly been = new Set<string>();
  private last: TTouchpoint | undefined;
  /** The frontstage teams in order, repeats collapsed: the legs of a ping-pong. */
  private readonly teams: string[] = [];
  private returned = false;
  private pingPonged = false;

  constructor(
    readonly sim: CustomerSim,
    readonly c: TCase,
  ) {}

  /** Sends the customer to a touchpoint (emits the step) and seeds what the move is. */
  step(touchpointId: string, activity: string, t: number, o: TEmit = {}): TSimEvent {
    const e = this.sim.emit(this.c, touchpointId, activity, t, o);
    const { tp } = e;
    if (!HANDOFF_STAGES.includes(tp.stage)) throw new Error(`${tp.id} is outside a support stage`);
    const last = this.last;
    if (this.been.has(tp.id) && last?.id !== tp.id) this.sim.seed('loop', e);
    if (last?.layer === 'frontstage' && tp.layer === 'frontstage' && last.owner !== tp.owner) {
      this.sim.seed('handoff', e, `${last.owner}>${tp.owner}`);
    }
    if (tp.layer === 'frontstage' && this.teams[this.teams.length - 1] !== tp.owner) {
      if (this.teams.includes(tp.owner)) this.returned = true;
      this.teams.push(tp.owner);
      if (!this.pingPonged && this.returned && this.teams.length >= FRICTION.handoff.pingPongMin) {
        this.pingPonged = true;
        this.sim.pingPong(e);
      }
    }
    this.been.add(tp.id);
    this.last = tp;
    return e;
  }
}
