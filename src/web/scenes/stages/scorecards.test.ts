import { describe, expect, it } from 'vitest';
import { scorecards, stageNamed, teamSharesText, type TStageScore } from './scorecards.js';

const stage = (name: string, over: Partial<TStageScore> = {}): TStageScore => ({
  stage: name,
  journeys: 10,
  customers: 8,
  conversion: 0.5,
  timeInStage: { mean: 100, median: 60 },
  timeToNext: { mean: 50, median: 40 },
  frictionRate: 0.25,
  teams: [],
  ...over,
});

const cards = scorecards(
  [
    stage('Interest', {
      teams: [
        { team: 'stores', steps: 2805, share: 0.16867107636800963 },
        { team: 'ecommerce', steps: 13825, share: 0.8313289236319904 },
      ],
    }),
    stage('Purchase', {
      teams: [
        { team: 'finance', steps: 5, share: 0.5 },
        { team: 'b2b-sales', steps: 5, share: 0.5 },
      ],
    }),
    stage('Retention', { conversion: null, timeToNext: null }),
  ],
  { ecommerce: 'E-commerce (web & app)', stores: 'Stores', finance: 'Finance' },
);

describe('stage scorecards', () => {
  it('say which stage each converts to; the last converts to none', () => {
    expect(cards.map((c) => [c.stage, c.next])).toEqual([
      ['Interest', 'Purchase'],
      ['Purchase', 'Retention'],
      ['Retention', null],
    ]);
  });

  it('list the teams by name, largest share first, ties by name', () => {
    expect(cards.map((c) => c.teamShares.map((t) => [t.name, t.steps]))).toEqual([
      [
        ['E-commerce (web & app)', 13825],
        ['Stores', 2805],
      ],
      [
        ['b2b-sales', 5],
        ['Finance', 5],
      ],
      [],
    ]);
    expect(teamSharesText(cards[0]!)).toBe('E-commerce (web & app) 83.1%; Stores 16.9%');
    expect(teamSharesText(cards[2]!)).toBe('');
  });

  it.each([
    ['Purchase', 'Purchase'],
    [' purchase ', 'Purchase'],
    ['Checkout', undefined],
    [undefined, undefined],
  ])('the address ?stage=%s opens %s', (name, found) => {
    expect(stageNamed(cards, name)?.stage).toBe(found);
  });
});
