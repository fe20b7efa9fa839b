/** The answers of the workspace routes (src/server/routes/workspace-routes.ts), as the editor reads them. */
import type { TModelError } from './model-errors.js';
import type { TModel } from './model-form.js';

export type TVersionInfo = {
  version: number;
  savedAt: string;
  savedBy: string;
  summary: string | null;
};

export type TModelAnswer = TVersionInfo & {
  valid: boolean;
  workspace: TModel | null;
  errors: TModelError[];
};

export type TValidation = { valid: boolean; errors: TModelError[]; changes: string[] };

export type TSaved = TVersionInfo & { changed: boolean; changes: string[] };

export type TVersions = { total: number; offset: number; limit: number; items: TVersionInfo[] };
