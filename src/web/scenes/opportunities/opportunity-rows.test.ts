import { describe, expect, it } from 'vitest';
import { rankOpportunities, type TGapCounts } from '../../../analysis/pricing.js';
import { baselineAssumptions, reprice } from './assumptions.js';
import {
  customersAffected,
  filterChoices,
  filterOpportunities,
  opportunitySource,
  opportunityTitle,
  teamNames,
  unitMoney,
} from './opportunity-rows.js';

const names = {
  touchpoints: { 'phone-agent': 'Phone agent', 'help-centre': 'Help centre' },
  teams: { 'customer-service': 'Customer service', it: 'IT' },
  segments: { vip: 'VIP' },
  idealJourneys: { online: 'Online purchase' },
};
const gap = (over: Partial<TGapCounts>): TGapCounts => ({
  source: 'friction',
  type: 'repeat_contact',
  touchpoint: 'phone-agent',
  costsContact: true,
  teams: ['customer-service'],
  occurrencesPerMonth: 10,
  channel: 'phone',
  customersBySegment: { vip: 3, '': 4 },
  ...over,
});

describe('an opportunity in words', () => {
  it('names the touchpoint, the ideal journey and the teams by their names', () => {
    const deviation = gap({
      source: 'deviation',
      type: 'skipped',
      touchpoint: 'help-centre',
      journey: 'online',
      teams: ['customer-service', 'it', 'legal'],
    });
    expect(opportunityTitle(deviation, names)).toBe('Skipped step at Help centre');
    expect(opportunitySource(deviation, names)).toBe('deviation from Online purchase');
    expect(teamNames(deviation, names)).toBe('Customer service, IT, legal');
    expect(opportunityTitle(gap({ touchpoint: null }), names)).toBe(
      'Repeat contact at several touchpoints',
    );
    expect(opportunitySource(gap({}), names)).toBe('friction');
    expect(customersAffected(gap({}))).toBe(7);
  });

  it.each<[number | undefined, string]>([
    [2.5, '€2.50'],
    [8, '€8'],
    [0.1, '€0.10'],
    [4800, '€4,800'],
    [undefined, '–'],
  ])('a unit amount %s reads %s', (x, text) => {
    expect(unitMoney(x, 'EUR')).toBe(text);
  });
});

describe('filters', () => {
  const cost = { costToServe: { phone: 5 }, churnRisk: 0.02, detractorChurnRisk: 0.1 };
  const server = rankOpportunities(
    [
      gap({ occurrencesPerMonth: 30 }),
      gap({ type: 'loop', teams: ['it'], occurrencesPerMonth: 20 }),
      gap({ type: 'loop', touchpoint: 'help-centre', occurrencesPerMonth: 10 }),
    ],
    cost,
    [],
  );
  const rows = reprice(server, baselineAssumptions(cost, server));

  it.each([
    [{}, [1, 2, 3]],
    [{ team: 'customer-service' }, [1, 3]],
    [{ type: 'loop' }, [2, 3]],
    [{ team: 'it', type: 'loop' }, [2]],
    [{ team: 'marketing' }, []],
  ])('%o keeps the ranks %o', (filter, ranks) => {
    expect(filterOpportunities(rows, filter).map((r) => r.rank)).toEqual(ranks);
  });

  it('offer every team and type present, by name', () => {
    expect(filterChoices(server, names)).toEqual({
      teams: [
        { value: 'customer-service', label: 'Customer service' },
        { value: 'it', label: 'IT' },
      ],
      types: [
        { value: 'loop', label: 'Loop' },
        { value: 'repeat_contact', label: 'Repeat contact' },
      ],
    });
  });
});
