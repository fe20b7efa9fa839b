/**
 * The routing reports' answers (src/service/routing-reports.ts computes them; the routes of
 * src/server/routes/routing-routes.ts send them with the range they cover), read by the
 * service and the web app's routing screen alike. Types only: no code, so the web app's
 * type-check loads nothing of the server.
 */
import type { TVolumeDimension } from '../query/routing.js';

export type TVolumeRow = {
  /** The reason, channel or stage; null: contacts without one. */
  key: string | null;
  /** Its name in the workspace, when it has one. */
  name: string | null;
  contacts: number;
  customers: number;
  /** Share of all contacts in the report. */
  share: number;
  /** By reason: the secondary reasons beneath the primary (`primary/secondary`). */
  secondary?: Omit<TVolumeRow, 'secondary'>[];
};

export type TVolumes = {
  by: TVolumeDimension;
  source: 'events' | 'decisions';
  contacts: number;
  rows: TVolumeRow[];
};

/** A share with its 95% Wilson interval; all null when there is nothing to judge. */
export type TRate = { value: number | null; low: number | null; high: number | null };

export type TContainmentRow = {
  /** The primary reason. */
  reason: string;
  name: string | null;
  judged: number;
  contained: number;
  rate: TRate;
};

export type TContainment = {
  /** N: an assisted contact within this many days after a self-service answer breaks containment. */
  days: number;
  daysFrom: 'friction.repeatContact.withinDays' | 'request';
  selfServiceChannels: string[];
  /** Outcomes are known up to now; decisions after `judgedUntil` are too recent to judge. */
  asOf: string;
  judgedUntil: string;
  decisions: number;
  selfService: number;
  /** Self-service decisions without a customer id: they cannot be followed. */
  untracked: number;
  /** Self-service decisions less than N days old. */
  pending: number;
  judged: number;
  contained: number;
  /** Contained / judged, with its 95% Wilson interval. */
  rate: TRate;
  /** Judged decisions followed by an assisted routing decision, or by an assisted contact event. */
  returnedByDecision: number;
  returnedByEvent: number;
  byReason: TContainmentRow[];
};
