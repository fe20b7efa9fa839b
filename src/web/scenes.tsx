/**
 * The screens, in the order of the navigation. Each lives in its own folder under scenes/;
 * its path is its address (filters go in the query string).
 */
import type { ComponentType } from 'react';
import type { TMe } from './api.js';
import { OverviewScene } from './scenes/overview/OverviewScene.js';

export type TSceneProps = { me: TMe };

export type TScene = {
  path: string;
  label: string;
  component: ComponentType<TSceneProps>;
  /** Only these roles see it in the navigation (the API enforces access regardless). */
  roles?: readonly NonNullable<TMe['role']>[];
};

export const SCENES: readonly TScene[] = [
  { path: '/', label: 'Overview', component: OverviewScene },
];

export function sceneFor(path: string): TScene | undefined {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return SCENES.find((s) => s.path === clean);
}
