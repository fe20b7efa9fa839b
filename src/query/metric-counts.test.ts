import { describe, expect, it } from 'vitest';
import { frictionAffected, frictionExposure } from './metric-counts.js';
import { render } from './sql.js';

const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('friction rate counts', () => {
  it('narrows the occurrences with bind parameters only', () => {
    const q = render(frictionAffected('loop', { touchpoint: 'call', segment: 'vip' }));
    expect(flat(q.text)).toBe(
      'SELECT count(*) AS occurrences, count(DISTINCT customer_id) AS customers FROM jl_friction WHERE type = $1 AND touchpoint = $2 AND segment = $3',
    );
    expect(q.params).toEqual(['loop', 'call', 'vip']);
  });

  it('counts the exposed customers and journeys with the same narrowing', () => {
    const plain = render(frictionExposure({}));
    expect(flat(plain.text)).toBe(
      'SELECT count(DISTINCT s.customer_id) AS customers, count(DISTINCT s.journey) AS journeys FROM jl_journey_steps s JOIN jl_touchpoints t ON t.code = s.tp',
    );
    const narrowed = render(frictionExposure({ team: 'care', segment: "vip' OR 1=1" }));
    expect(flat(narrowed.text)).toBe(
      'SELECT count(DISTINCT s.customer_id) AS customers, count(DISTINCT s.journey) AS journeys FROM jl_journey_steps s JOIN jl_touchpoints t ON t.code = s.tp JOIN jl_segments g ON g.customer_id = s.customer_id WHERE t.team = $1 AND g.segment = $2',
    );
    expect(narrowed.params).toEqual(['care', "vip' OR 1=1"]);
  });
});
