import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { compileActivityMatcher } from '../src/model/workspace-activities.js';
import { parseWorkspace } from '../src/model/workspace.js';
import { WORKSPACE_JOURNEYS } from './ideal-journeys.js';
import { TOUCHPOINTS, patternRegExp } from './touchpoints.js';
import { workspaceYaml, yamlScalar } from './workspace-yaml.js';

describe('workspaceYaml', () => {
  const text = workspaceYaml();
  const parsed = parseWorkspace(text);

  test('validates with parseWorkspace', () => {
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  });

  test('maps every raw name the simulator emits to its own touchpoint, and no other', () => {
    if (!parsed.ok) throw new Error('invalid workspace');
    const match = compileActivityMatcher(parsed.workspace);
    const wrong = TOUCHPOINTS.flatMap((t) =>
      t.raw.filter((raw) => match(raw) !== t.id).map((raw) => `${t.id}: ${raw}`),
    );
    expect(wrong).toEqual([]);
    for (const t of TOUCHPOINTS) {
      for (const raw of t.raw) {
        const claimed = TOUCHPOINTS.filter(
          (o) => o.activities.includes(raw) || o.patterns.some((p) => patternRegExp(p).test(raw)),
        );
        expect(claimed.map((o) => o.id)).toEqual([t.id]);
      }
    }
  });

  test('shares the steps of per-segment journey copies through anchors', () => {
    const data = parse(text, { maxAliasCount: 1000 }) as {
      idealJourneys: { id: string; steps: unknown[] }[];
    };
    expect(data.idealJourneys.map((j) => j.id)).toEqual(WORKSPACE_JOURNEYS.map((j) => j.id));
    for (const [i, j] of data.idealJourneys.entries())
      expect(j.steps).toHaveLength(WORKSPACE_JOURNEYS[i]?.steps.length ?? -1);
    expect(text).toContain('steps: *online-purchase');
  });

  test.each([
    ['Store visit', 'Store visit'],
    ['Click & collect: picked up', "'Click & collect: picked up'"],
    ["it's", "'it''s'"],
    ['yes', "'yes'"],
    ['/^a$/', "'/^a$/'"],
    [42, '42'],
  ])('yamlScalar(%j) = %s', (value, expected) => {
    expect(yamlScalar(value)).toBe(expected);
  });
});
