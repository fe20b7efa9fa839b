/**
 * The shapes the friction screen reads, taken from the server's own types (type-only imports:
 * nothing of the server reaches the browser bundle).
 */
import type { TPage } from '../../analysis-types.js';
import type { TBreakdownRow, TPingPong } from '../../../service/analyze-friction.js';
import type { TFrictionEntry } from '../../../service/analyze.js';
import type { TFrictionTrend } from '../../../query/friction-trend.js';

export type { TFrictionEntry, TFrictionTrend };

export type TGrain = TFrictionTrend['granularity'];
export type TTrendBy = TFrictionTrend['by'];

/** GET /api/analysis/friction: the entries a page at a time, the breakdowns beside them. */
export type TFrictionSection = TPage<TFrictionEntry> & {
  breakdowns: Record<'segment' | 'stage' | 'team' | 'channel', TBreakdownRow[]>;
  pingPong: TPingPong;
};
