/**
 * The answer of a routing decision (POST /api/route), as a type only: the web app reads it
 * without loading the routing service, which holds Node code.
 */
import type { TAdjustment } from '../analysis/routing.js';
import type { TTreatment } from '../model/workspace-schema.js';

export type TRouteAnswer = {
  decisionId: string;
  treatment: TTreatment;
  rule: string | null;
  why: string;
  fields: string[];
  customer: {
    id: string | null;
    known: boolean;
    segment: string | null;
    serviceTier: string | null;
  };
  reason: { primary: string; secondary: string | null };
  channel: string;
  baseTreatment: TTreatment;
  friction: {
    contacts: number;
    windowDays: number;
    repeatContact: boolean;
    unresolvedContact: { at: string; outcome: string; reason: string } | null;
    declared: boolean;
    active: boolean;
  };
  adjustments: TAdjustment[];
};
