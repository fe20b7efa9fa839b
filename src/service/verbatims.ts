/**
 * Use case: search the verbatims of a workspace, each tied to its touchpoint and stage as the
 * analysis ties it (src/query/feedback.ts), ranked by src/analysis/verbatims/search.ts.
 */
import {
  searchVerbatims,
  type TSearchHit,
  type TVerbatimQuery,
} from '../analysis/verbatims/search.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import {
  createFeedback,
  createRespondentSteps,
  dropRespondentSteps,
  timedKinds,
} from '../query/feedback.js';
import { allVerbatims, type TVerbatimRow } from '../query/feedback-metrics.js';
import type { TStore } from '../store/store.js';
import { buildJourneys } from './journeys.js';

export type TVerbatimHit = TSearchHit & {
  kind: string;
  score: number;
  answeredAt: string;
  customer: string;
};

export type TVerbatimSearch = { searched: number; hits: TVerbatimHit[] };

export async function searchFeedback(
  store: TStore,
  workspace: TWorkspace,
  query: TVerbatimQuery,
): Promise<TVerbatimSearch> {
  await buildJourneys(store, workspace);
  await store.exec(createRespondentSteps);
  try {
    const settings = workspace.feedback;
    await store.exec(
      createFeedback({ settings, stages: workspace.stages, timedKinds: timedKinds(settings) }),
    );
  } finally {
    await store.exec(dropRespondentSteps);
  }
  const rows = await store.all<TVerbatimRow>(allVerbatims);
  const bySeq = new Map(rows.map((r) => [String(r.seq), r]));
  const hits = searchVerbatims(
    rows.map((r) => ({
      id: String(r.seq),
      text: r.verbatim,
      ...(r.touchpoint === null ? {} : { touchpoint: r.touchpoint }),
      ...(r.stage === null ? {} : { stage: r.stage }),
      score: r.score,
      ...(r.language === null ? {} : { language: r.language }),
    })),
    query,
  );
  return {
    searched: rows.length,
    hits: hits.map((h) => {
      const r = bySeq.get(h.verbatimId);
      return {
        ...h,
        kind: r?.kind ?? '',
        score: r?.score ?? Number.NaN,
        answeredAt: r === undefined ? '' : new Date(r.ts).toISOString(),
        customer: r?.customer_id ?? '',
      };
    }),
  };
}
