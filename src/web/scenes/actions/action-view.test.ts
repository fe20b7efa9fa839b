import { describe, expect, it } from 'vitest';
import type { TAction, TComparison } from '../../../service/actions/action-types.js';
import {
  boardColumns,
  differenceText,
  formatValue,
  proposedTitle,
  statusMoves,
  verdictBadge,
} from './action-view.js';

const action = (id: string, status: TAction['status'], dueDate: string | null, createdAt: string) =>
  ({ id, status, dueDate, createdAt }) as TAction;

describe('the board', () => {
  it('has a column per status, soonest due first, then the newest', () => {
    const columns = boardColumns([
      action('a', 'planned', null, '2026-01-02'),
      action('b', 'planned', '2026-03-01', '2026-01-01'),
      action('c', 'planned', null, '2026-01-03'),
      action('d', 'done', null, '2026-01-01'),
    ]);
    expect(columns.map((c) => [c.label, c.actions.map((a) => a.id)])).toEqual([
      ['Proposed', []],
      ['Planned', ['b', 'c', 'a']],
      ['In progress', []],
      ['Done', ['d']],
      ['Dropped', []],
    ]);
  });

  it('offers the allowed moves only', () => {
    expect(statusMoves('proposed')).toEqual([
      { to: 'planned', label: 'Move to planned' },
      { to: 'dropped', label: 'Drop' },
    ]);
    expect(statusMoves('done')).toEqual([{ to: 'in progress', label: 'Reopen as in progress' }]);
  });
});

describe('measurements', () => {
  it('reads values and differences in their unit', () => {
    expect(formatValue(0.0712, 'share')).toBe('7.1%');
    expect(formatValue(12.5, 'per 1,000 journeys')).toBe('12.50 per 1,000 journeys');
    expect(formatValue(null, 'share')).toBe('–');
    const c: TComparison = {
      difference: -0.066,
      interval: [-0.089, -0.045],
      relative: -0.93,
      lowerIsBetter: true,
      verdict: 'improved',
      explanation: '',
    };
    expect(differenceText(c, 'share')).toBe('−6.6 pts (95% interval −8.9 pts to −4.5 pts)');
    expect(verdictBadge(c)).toEqual({ text: 'Improved', tone: 'good' });
    expect(verdictBadge({ ...c, verdict: 'no change' }).text).toBe('Did nothing measurable');
  });

  it('proposes a title from the source', () => {
    expect(
      proposedTitle({ kind: 'friction', type: 'repeat_contact', touchpoint: 'call' }, 'Call'),
    ).toBe('Reduce repeat contact at Call');
    expect(
      proposedTitle(
        { kind: 'opportunity', source: 'deviation', type: 'skipped', touchpoint: null },
        null,
      ),
    ).toBe('Fix the skipped step');
  });
});
