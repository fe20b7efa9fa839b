/**
 * The shapes of the routing answers as the API sends them (src/server/routes/routing-routes.ts
 * describes each in its OpenAPI schema). Written out here because the service's own types
 * live beside Node code that the browser's type-check cannot see.
 */
import type { TTreatment } from '../../../model/workspace-schema.js';

export type { TContactReason } from '../../../model/workspace-schema.js';
export type { TTreatment };

/** The body of `POST /api/route` the form sends. */
export type TRouteRequest = {
  customer: { id: string };
  reason: { primary: string; secondary?: string };
  channel: string;
};

export type { TRouteAnswer } from '../../../service/routing-answer.js';

export type TVolumeRow = {
  key: string | null;
  name: string | null;
  contacts: number;
  customers: number;
  share: number;
  secondary?: Omit<TVolumeRow, 'secondary'>[];
};

export type TVolumes = {
  by: 'reason' | 'channel' | 'stage';
  source: 'events' | 'decisions';
  from: string | null;
  to: string | null;
  contacts: number;
  rows: TVolumeRow[];
};

export type TRate = { value: number | null; low: number | null; high: number | null };

export type TContainment = {
  from: string | null;
  to: string | null;
  days: number;
  daysFrom: 'friction.repeatContact.withinDays' | 'request';
  selfServiceChannels: string[];
  asOf: string;
  judgedUntil: string;
  decisions: number;
  selfService: number;
  untracked: number;
  pending: number;
  judged: number;
  contained: number;
  rate: TRate;
  returnedByDecision: number;
  returnedByEvent: number;
  byReason: {
    reason: string;
    name: string | null;
    judged: number;
    contained: number;
    rate: TRate;
  }[];
};
