/**
 * The shapes of the routing answers as the API sends them (src/server/routes/routing-routes.ts
 * describes each in its OpenAPI schema): the service's own types where they live in types-only
 * files (the rest of the service holds Node code that the browser's type-check cannot see).
 */
import type { TTreatment } from '../../../model/workspace-schema.js';
import type {
  TContainment as TContainmentReport,
  TVolumes as TVolumesReport,
} from '../../../service/routing-report-types.js';

export type { TContactReason } from '../../../model/workspace-schema.js';
export type { TTreatment };

/** The body of `POST /api/route` the form sends. */
export type TRouteRequest = {
  customer: { id: string };
  reason: { primary: string; secondary?: string };
  channel: string;
};

export type { TRouteAnswer } from '../../../service/routing-answer.js';

export type { TVolumeRow } from '../../../service/routing-report-types.js';

/** The range a report covers (null: open), as the route adds it to the service's answer. */
type TReportRange = { from: string | null; to: string | null };

/** The answer of `GET /api/reports/contacts`. */
export type TVolumes = TVolumesReport & TReportRange;

/** The answer of `GET /api/reports/containment`. */
export type TContainment = TContainmentReport & TReportRange;
