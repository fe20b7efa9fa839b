/** The route modules of the API, in the order their routes appear in the OpenAPI document. */
import type { TRouteModule } from './app.js';
import { ingestRoutes } from './routes/ingest-routes.js';
import { importRoutes } from './routes/import-routes.js';
import { triggerRoutes } from './routes/trigger-routes.js';
import { routingRoutes } from './routes/routing-routes.js';
import { workspaceRoutes } from './routes/workspace-routes.js';
import { analysisRoutes } from './routes/analysis-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { adminRoutes } from './routes/admin-routes.js';
import { processMapRoutes } from './routes/process-map-routes.js';
import { frictionTrendRoutes } from './routes/friction-trend-routes.js';
import { feedbackRoutes } from './routes/feedback-routes.js';
import { journeyMapRoutes } from './routes/journey-map-routes.js';
import { brainstormRoutes } from './routes/brainstorm-routes.js';
import { alertRoutes } from './routes/alert-routes.js';
import { assessmentRoutes } from './routes/assessment-routes.js';
import { actionRoutes } from './routes/action-routes.js';
import { webAppModule } from './web-app.js';

export function serverModules(): TRouteModule[] {
  return [
    ingestRoutes,
    importRoutes,
    triggerRoutes,
    routingRoutes,
    workspaceRoutes,
    analysisRoutes,
    reportRoutes,
    adminRoutes,
    processMapRoutes,
    frictionTrendRoutes,
    feedbackRoutes,
    journeyMapRoutes,
    brainstormRoutes,
    alertRoutes,
    assessmentRoutes,
    actionRoutes,
    // Last: it answers every path outside /api with the web app.
    webAppModule(),
  ];
}
