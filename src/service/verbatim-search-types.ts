/**
 * The answer of `GET /api/feedback/verbatims` (src/server/routes/feedback-routes.ts), read by
 * the route and the web app's feedback screen alike. Types only: no code, so the web app's
 * type-check loads nothing of the server.
 */
import type { TQuote } from '../analysis/verbatims/verbatim.js';

/** One verbatim in the answer. */
export type TVerbatimItem = {
  id: string;
  kind: string;
  score: number;
  answeredAt: string;
  customer: string;
  touchpoint: string | null;
  stage: string | null;
  /** The whole text as written. */
  text: string;
  /** The part to show: around the best match when searching, else the start of the text. */
  quote: TQuote;
};

export type TVerbatimPage = {
  modelVersion: number;
  computedAt: string;
  /** Verbatims in the data, before any filter. */
  verbatims: number;
  total: number;
  offset: number;
  limit: number;
  items: TVerbatimItem[];
};
