/**
 * The decisions of the journey queries on the built structures, and small pinned SQL. The
 * results on the engine are tested in src/service/journeys.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ZWorkspace, type TWorkspaceInput } from '../model/workspace-schema.js';
import {
  activityTable,
  buildJourneyStatements,
  exactTable,
  journeyFilter,
  journeyIndex,
  journeyPlan,
  patternMatch,
  segmentTable,
  touchpointTable,
} from './journeys.js';
import { createJourneyInstances, createRecounted } from './journeys-variants.js';
import { join, raw, render } from './sql.js';

const WORKSPACE: TWorkspaceInput = {
  name: 'Plan',
  settings: { inactivityGapDays: 1.5 },
  stages: ['Explore', 'Buy', 'Use'],
  teams: [
    { id: 'web-team', name: 'Web' },
    { id: 'care', name: 'Care' },
  ],
  segments: [
    { id: 'vip', name: 'VIP', rule: { attribute: 'tier', op: 'eq', value: 'gold' } },
    { id: 'rest', name: 'Rest' },
  ],
  touchpoints: [
    {
      id: 'browse',
      name: 'Browse',
      stage: 'Explore',
      channel: 'web',
      owner: 'web-team',
      activities: ['/^view_/i', 'Home page'],
    },
    {
      id: 'help',
      name: 'Help',
      stage: 'Use',
      channel: 'phone',
      owner: 'care',
      layer: 'backstage',
      activities: ['Call', '/help|support/', 'Home page'],
    },
  ],
};

const plan = (filter = {}) => journeyPlan(ZWorkspace.parse(WORKSPACE), filter);

describe('journeyPlan', () => {
  it('orders touchpoints with their stage index, owner team and layer', () => {
    expect(plan().touchpoints).toEqual([
      {
        id: 'browse',
        stage: 'Explore',
        stageIndex: 0,
        team: 'web-team',
        layer: 'frontstage',
        channel: 'web',
      },
      {
        id: 'help',
        stage: 'Use',
        stageIndex: 2,
        team: 'care',
        layer: 'backstage',
        channel: 'phone',
      },
    ]);
  });

  it('has no stage index for a stage the workspace does not list', () => {
    const ws = ZWorkspace.parse({
      ...WORKSPACE,
      touchpoints: [{ id: 'x', name: 'X', stage: 'Elsewhere', channel: 'web', owner: 'care' }],
    });
    expect(journeyPlan(ws).touchpoints[0]?.stageIndex).toBeNull();
  });

  it('keeps exact names (first touchpoint wins) apart from patterns, in workspace order', () => {
    const p = plan();
    expect(p.exact).toEqual([
      { activity: 'Home page', touchpoint: 'browse' },
      { activity: 'Call', touchpoint: 'help' },
    ]);
    expect(p.patterns).toEqual([
      { touchpoint: 'browse', source: '^view_', ignoreCase: true },
      { touchpoint: 'help', source: 'help|support', ignoreCase: false },
    ]);
  });

  it('turns the inactivity gap into microseconds and keeps segments in order', () => {
    const p = plan();
    expect(p.gapMicros).toBe(1.5 * 86_400 * 1_000_000);
    expect(p.segments.map((s) => [s.id, s.rule])).toEqual([
      ['vip', { attribute: 'tier', op: 'eq', value: 'gold' }],
      ['rest', 'always'],
    ]);
  });
});

describe('journey SQL', () => {
  it('loads touchpoints as parameters into a typed table', () => {
    const [create, insert, ...more] = touchpointTable(plan()).map((s) => render(s));
    expect(create?.text).toBe(
      'CREATE OR REPLACE TEMP TABLE jl_journey_touchpoints (touchpoint VARCHAR PRIMARY KEY, stage VARCHAR, stage_index INTEGER, team VARCHAR, layer VARCHAR, channel VARCHAR)',
    );
    expect(insert).toEqual({
      text: 'INSERT INTO jl_journey_touchpoints VALUES ($1, $2, $3, $4, $5, $6), ($7, $8, $9, $10, $11, $12)',
      params: [
        ...['browse', 'Explore', 0, 'web-team', 'frontstage', 'web'],
        ...['help', 'Use', 2, 'care', 'backstage', 'phone'],
      ],
    });
    expect(more).toEqual([]);
  });

  it('inserts a long list in chunks, and nothing for an empty one', () => {
    const names = Array.from({ length: 1201 }, (_, i) => `activity ${i}`);
    const ws = ZWorkspace.parse({
      ...WORKSPACE,
      touchpoints: [
        { id: 'x', name: 'X', stage: 'Use', channel: 'web', owner: 'care', activities: names },
      ],
    });
    const statements = exactTable(journeyPlan(ws)).map((s) => render(s));
    expect(statements.map((s) => s.params.length)).toEqual([0, 1000, 1000, 402]);
    expect(statements.flatMap((s) => s.params).filter((_, i) => i % 2 === 0)).toEqual(names);
    const empty = ZWorkspace.parse({ ...WORKSPACE, touchpoints: [] });
    expect(exactTable(journeyPlan(empty))).toHaveLength(1);
  });

  it('tries patterns in order, with the i option only where the flag is set', () => {
    expect(render(patternMatch(plan().patterns, raw('a.activity')))).toEqual({
      text: "CASE WHEN regexp_matches(a.activity, $1, 'i') THEN $2 WHEN regexp_matches(a.activity, $3) THEN $4 END",
      params: ['^view_', 'browse', 'help|support', 'help'],
    });
    expect(render(patternMatch([], raw('a.activity'))).text).toBe('CAST(NULL AS VARCHAR)');
  });

  it('maps each distinct activity once: exact name first, then the patterns', () => {
    const text = render(activityTable(plan())).text;
    expect(text).toContain(
      "coalesce(x.touchpoint, CASE WHEN regexp_matches(a.activity, $1, 'i') THEN $2",
    );
    expect(text).toContain(
      'FROM (SELECT DISTINCT activity FROM events) a LEFT JOIN jl_journey_exact x ON x.activity = a.activity',
    );
  });

  it('assigns the first matching segment with one CASE, or none without segments', () => {
    const q = render(segmentTable(plan()));
    expect(q.text).toMatch(/CASE WHEN .* THEN \$3 WHEN true THEN \$4 END AS segment/);
    expect(q.params.slice(2)).toEqual(['vip', 'rest']);
    const none = ZWorkspace.parse({ ...WORKSPACE, segments: [] });
    expect(render(segmentTable(journeyPlan(none))).text).toContain(
      'CAST(NULL AS VARCHAR) AS segment',
    );
  });

  it('decides one condition per filter, values as parameters', () => {
    expect(journeyFilter({})).toEqual([]);
    const q = render(
      join(
        journeyFilter({ channels: ['web', 'app'], from: 'a', to: 'b', segment: 'vip' }),
        ' AND ',
      ),
    );
    expect(q.text.replace(/\s+/g, ' ')).toBe(
      '(e.channel IN ($1, $2) OR (e.channel IS NULL AND e.activity IN' +
        ' (SELECT activity FROM jl_journey_activities WHERE channel IN ($3, $4))))' +
        ' AND e.ts >= CAST($5 AS TIMESTAMPTZ) AND e.ts < CAST($6 AS TIMESTAMPTZ)' +
        ' AND e.customer_id IN (SELECT customer_id FROM jl_journey_segments WHERE segment = $7)',
    );
    expect(q.params).toEqual(['web', 'app', 'web', 'app', 'a', 'b', 'vip']);
  });

  it('orders every journey by time then ingest sequence, and splits on a strictly longer gap', () => {
    const q = render(journeyIndex(plan()));
    expect(q.text).toContain('row_number() OVER (PARTITION BY case_id ORDER BY ts, seq) AS pos');
    expect(q.text).toContain('WINDOW w AS (PARTITION BY customer_id ORDER BY ts, seq)');
    expect(q.text).toContain(
      'coalesce(epoch_us(ts) - epoch_us(lag(ts) OVER w) > CAST($1 AS BIGINT), true) AS starts',
    );
    expect(q.params).toEqual([129_600_000_000]);
  });

  it('builds the small tables before the steps that join them', () => {
    const created = buildJourneyStatements(plan()).map(
      (s) => /CREATE OR REPLACE TEMP TABLE (\w+)/.exec(render(s).text)?.[1],
    );
    expect(created.filter((c) => c !== undefined)).toEqual([
      'jl_journey_touchpoints',
      'jl_journey_exact',
      'jl_journey_activities',
      'jl_journey_segments',
      'jl_journey_steps',
    ]);
  });
});

describe('variant SQL', () => {
  it('reads the start month in the given zone', () => {
    const q = render(createJourneyInstances('Europe/Paris'));
    expect(q.text).toContain("strftime(timezone($1, min(ts)), '%Y-%m') AS month");
    expect(q.params).toEqual(['Europe/Paris']);
  });

  it('recounts positions over mapped steps only, for journeys that have unmapped ones', () => {
    const text = render(createRecounted).text;
    expect(text).toContain(
      'row_number() OVER (PARTITION BY journey_id ORDER BY pos) AS mapped_pos',
    );
    expect(text).toContain('WHERE touchpoint IS NOT NULL');
    expect(text).toContain('WHERE length > 0 AND length < steps');
  });
});
