/**
 * The screens, in the order of the navigation. Each lives in its own folder under scenes/;
 * its path is its address (filters go in the query string).
 */
import type { ComponentType } from 'react';
import type { TMe } from './api.js';
import { OverviewScene } from './scenes/overview/OverviewScene.js';
import { ProcessMapScene } from './scenes/process-map/ProcessMapScene.js';
import { JourneyMapScene } from './scenes/journey-map/JourneyMapScene.js';
import { OpportunitiesScene } from './scenes/opportunities/OpportunitiesScene.js';
import { StagesScene } from './scenes/stages/StagesScene.js';
import { RoutingScene } from './scenes/routing/RoutingScene.js';
import { ImportScene } from './scenes/import/ImportScene.js';
import { WorkspaceScene } from './scenes/workspace/WorkspaceScene.js';
import { FrictionScene } from './scenes/friction/FrictionScene.js';
import { FeedbackScene } from './scenes/feedback/FeedbackScene.js';
import { BrainstormsScene } from './scenes/brainstorms/BrainstormsScene.js';
import { AlertsScene } from './scenes/alerts/AlertsScene.js';
import { AlertsBadge } from './scenes/alerts/AlertsBadge.js';
import { ActionsScene } from './scenes/actions/ActionsScene.js';
import { AssessmentsScene } from './scenes/assessments/AssessmentsScene.js';

export type TSceneProps = { me: TMe };

export type TScene = {
  path: string;
  label: string;
  component: ComponentType<TSceneProps>;
  /** Only these roles see it in the navigation (the API enforces access regardless). */
  roles?: readonly NonNullable<TMe['role']>[];
  /** A small count beside the label (e.g. unacknowledged alerts). */
  badge?: ComponentType;
};

export const SCENES: readonly TScene[] = [
  { path: '/', label: 'Overview', component: OverviewScene },
  { path: '/journey-map', label: 'Journey map', component: JourneyMapScene },
  { path: '/process-map', label: 'Process map', component: ProcessMapScene },
  { path: '/opportunities', label: 'Opportunities', component: OpportunitiesScene },
  { path: '/stages', label: 'Stages', component: StagesScene },
  { path: '/friction', label: 'Friction', component: FrictionScene },
  { path: '/feedback', label: 'Feedback', component: FeedbackScene },
  { path: '/actions', label: 'Actions', component: ActionsScene },
  { path: '/assessments', label: 'Assessments', component: AssessmentsScene },
  { path: '/routing', label: 'Routing', component: RoutingScene, roles: ['admin', 'cx', 'viewer'] },
  { path: '/brainstorms', label: 'Brainstorms', component: BrainstormsScene },
  { path: '/alerts', label: 'Alerts', component: AlertsScene, badge: AlertsBadge },
  { path: '/workspace', label: 'Workspace', component: WorkspaceScene },
  { path: '/import', label: 'Import', component: ImportScene, roles: ['admin', 'cx'] },
];

export function sceneFor(path: string): TScene | undefined {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return SCENES.find((s) => s.path === clean);
}
