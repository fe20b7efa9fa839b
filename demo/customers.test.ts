import { describe, expect, test } from 'vitest';
import { assignSegment } from '../src/model/segment-rule.js';
import { parseWorkspace } from '../src/model/workspace.js';
import { PERIOD_END, PERIOD_START } from './calendar.js';
import { makeCustomer } from './customers.js';
import { Rng } from './prng.js';
import { workspaceYaml } from './workspace-yaml.js';

describe('makeCustomer', () => {
  const parsed = parseWorkspace(workspaceYaml());
  const customers = Array.from({ length: 5000 }, (_, i) => makeCustomer(new Rng(11, i), i));

  test('the workspace rules put each customer in the segment it was drawn for', () => {
    if (!parsed.ok) throw new Error('invalid workspace');
    const workspace = parsed.workspace;
    const wrong = customers.filter((c) => assignSegment(workspace, c.attributes)?.id !== c.segment);
    expect(wrong.map((c) => c.id)).toEqual([]);
  });

  test('draws the segments at their shares, with consistent attributes', () => {
    const share = (s: string) => customers.filter((c) => c.segment === s).length / customers.length;
    expect(share('regular')).toBeCloseTo(0.4, 1);
    expect(share('business')).toBeCloseTo(0.03, 1);
    for (const c of customers) {
      expect(c.activeFrom).toBeGreaterThanOrEqual(PERIOD_START);
      expect(c.activeTo).toBeLessThanOrEqual(PERIOD_END);
      if (c.segment === 'new') expect(String(c.attributes.signup_date)).toMatch(/^2025-/);
      if (c.segment === 'business') expect(c.attributes.age_band).toBe('');
    }
  });
});
