/** The route modules of the API, in the order their routes appear in the OpenAPI document. */
import type { TRouteModule } from './app.js';
import { triggerRoutes } from './routes/trigger-routes.js';
import { routingRoutes } from './routes/routing-routes.js';

export function serverModules(): TRouteModule[] {
  return [triggerRoutes, routingRoutes];
}
