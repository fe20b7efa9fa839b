/** Segment membership as SQL, for the workspace's segments (first matching rule wins). */
import type { TWorkspace } from '../model/workspace-schema.js';
import { segmentPredicate } from '../query/segment-sql.js';
import type { TSql } from '../query/sql.js';

export class UnknownSegmentError extends Error {
  override name = 'UnknownSegmentError';
}

export function segmentPredicateFor(workspace: TWorkspace, segmentId: string): TSql {
  const index = workspace.segments.findIndex((s) => s.id === segmentId);
  if (index < 0) {
    const known = workspace.segments.map((s) => s.id).join(', ') || '(none defined)';
    throw new UnknownSegmentError(
      `--segment ${segmentId}: no such segment; the workspace has ${known}`,
    );
  }
  return segmentPredicate(
    workspace.segments.map((s) => s.rule),
    index,
  );
}
