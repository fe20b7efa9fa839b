import { describe, expect, it } from 'vitest';
import { createSteps, eventFilter, topVariants } from './discovery.js';
import { render, sql } from './sql.js';

describe('discovery queries', () => {
  it('filters nothing without a filter', () => {
    expect(render(eventFilter({})).text).toBe('true');
  });

  it('decides one condition per filter, values as parameters', () => {
    const q = render(
      eventFilter({
        channels: ['web', 'app'],
        from: '2025-01-01',
        to: '2025-02-01',
        segmentPredicate: sql`c.attrs IS NOT NULL`,
      }),
    );
    expect(q.text).toBe(
      'e.channel IN ($1, $2) AND e.ts >= CAST($3 AS TIMESTAMPTZ) AND e.ts < CAST($4 AS TIMESTAMPTZ)' +
        ' AND e.customer_id IN (SELECT c.customer_id FROM customers c WHERE c.attrs IS NOT NULL)',
    );
    expect(q.params).toEqual(['web', 'app', '2025-01-01', '2025-02-01']);
  });

  it('orders each journey by time, then by ingest sequence (stable on ties)', () => {
    const text = render(createSteps({})).text;
    expect(text).toContain(
      'WINDOW w AS (PARTITION BY coalesce(e.case_id, e.customer_id) ORDER BY e.ts, e.seq)',
    );
  });

  it('breaks ties between equally frequent variants by first appearance', () => {
    const q = render(topVariants(20));
    expect(q.text).toMatch(/ORDER BY n DESC, first_seq LIMIT \$1$/);
    expect(q.params).toEqual([20]);
  });
});
