/**
 * The decisions of the journey queries on the built structures, and small pinned SQL. The
 * results on the engine are tested in src/service/journeys.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ZWorkspace, type TWorkspaceInput } from '../model/workspace-schema.js';
import {
  activityTable,
  buildJourneyStatements,
  createJourneySteps,
  dataEnd,
  INDEX_TABLES,
  journeyTableStatements,
  readIndexStatements,
  exactTable,
  journeyFilter,
  patternMatch,
  segmentTable,
  touchpointTable,
} from './journeys.js';
import { journeyPlan } from './journeys-plan.js';
import { createVariants } from './journeys-variants.js';
import { zoneClock } from './local-time.js';
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

const plan = (filter = {}, caseMix = { withCase: true, withoutCase: true }) =>
  journeyPlan(ZWorkspace.parse(WORKSPACE), filter, caseMix);

describe('journeyPlan', () => {
  it('numbers touchpoints in workspace order with what the detectors need to know', () => {
    expect(plan().touchpoints).toEqual([
      {
        code: 0,
        id: 'browse',
        stage: 'Explore',
        stageIndex: 0,
        team: 'web-team',
        layer: 'frontstage',
        channel: 'web',
        momentOfTruth: false,
        waitSeconds: 600,
        contact: false,
        // The workspace has none of the default funnel stages.
        abandonStage: false,
        handoffStage: true,
      },
      {
        code: 1,
        id: 'help',
        stage: 'Use',
        stageIndex: 2,
        team: 'care',
        layer: 'backstage',
        channel: 'phone',
        momentOfTruth: false,
        waitSeconds: 600,
        contact: false,
        abandonStage: false,
        handoffStage: true,
      },
    ]);
  });

  it('reads service levels, contact touchpoints, abandonment and hand-off stages', () => {
    const ws = ZWorkspace.parse({
      ...WORKSPACE,
      friction: {
        contactTouchpoints: ['help'],
        handoff: { stages: ['Use'] },
        abandonment: { stages: ['Explore'] },
        wait: {
          defaultSeconds: 60,
          serviceLevels: [
            { touchpoint: 'help', seconds: 120 },
            { from: 'browse', to: 'help', seconds: 3600 },
          ],
        },
      },
    });
    const p = journeyPlan(ws);
    expect(
      p.touchpoints.map((t) => [t.id, t.waitSeconds, t.contact, t.abandonStage, t.handoffStage]),
    ).toEqual([
      ['browse', 60, false, true, false],
      ['help', 120, true, false, true],
    ]);
    expect(p.between).toEqual([{ from: 0, to: 1, seconds: 3600 }]);
    expect(p.contactsByTouchpoint).toBe(true);
  });

  it('needs one 64-bit word of seen touchpoints per 64 touchpoints', () => {
    const many = (n: number) =>
      journeyPlan(
        ZWorkspace.parse({
          ...WORKSPACE,
          touchpoints: Array.from({ length: n }, (_, i) => ({
            id: `t${i}`,
            name: `T${i}`,
            stage: 'Use',
            channel: 'web',
            owner: 'care',
          })),
        }),
      ).seenWords;
    expect([many(0), many(1), many(64), many(65)]).toEqual([0, 1, 1, 2]);
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
    expect(create?.text.replace(/\s+/g, ' ')).toBe(
      'CREATE OR REPLACE TEMP TABLE jl_touchpoints (code SMALLINT PRIMARY KEY, touchpoint VARCHAR, stage VARCHAR, stage_index INTEGER, team VARCHAR, layer VARCHAR, channel VARCHAR, moment_of_truth BOOLEAN, abandon_stage BOOLEAN, handoff_stage BOOLEAN)',
    );
    expect(insert?.params).toEqual([
      ...[0, 'browse', 'Explore', 0, 'web-team', 'frontstage', 'web', false, false, true],
      ...[1, 'help', 'Use', 2, 'care', 'backstage', 'phone', false, false, true],
    ]);
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
      'FROM (SELECT DISTINCT activity FROM events) a LEFT JOIN jl_activity_exact x ON x.activity = a.activity',
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
      'coalesce(e.channel, a.channel) IN ($1, $2)' +
        ' AND e.ts >= CAST($3 AS TIMESTAMPTZ) AND e.ts < CAST($4 AS TIMESTAMPTZ)' +
        ' AND e.customer_id IN (SELECT customer_id FROM jl_segments WHERE segment = $5)',
    );
    expect(q.params).toEqual(['web', 'app', 'a', 'b', 'vip']);
  });

  it('reads how far the data reaches from the events alone, unless channels filter them', () => {
    expect(render(dataEnd({})).text).toBe('SELECT max(e.ts) FROM events e');
    const period = render(dataEnd({ to: '2025-02-01T00:00:00Z' }));
    expect(period.text).toBe('SELECT max(e.ts) FROM events e WHERE e.ts < CAST($1 AS TIMESTAMPTZ)');
    expect(period.params).toEqual(['2025-02-01T00:00:00Z']);
    const channels = render(dataEnd({ channels: ['phone'] })).text.replace(/\s+/g, ' ');
    expect(channels).toBe(
      'SELECT max(e.ts) FROM events e JOIN jl_activities a ON a.activity = e.activity' +
        ' WHERE coalesce(e.channel, a.channel) IN ($1)',
    );
  });

  it('orders every journey by time then ingest sequence in one pass', () => {
    const q = render(createJourneySteps(plan()));
    q.text = q.text.replace(/\s+/g, ' ');
    expect(q.text).toContain('WINDOW w AS (PARTITION BY journey_id ORDER BY ts, seq)');
    expect(q.text).toContain('lag(tp) OVER w AS prev_tp');
    // The one word of seen touchpoints, up to the step before.
    expect(q.text).toContain('OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS seen_0');
    expect(q.text).toContain(
      'coalesce(epoch_us(ts) - epoch_us(lag(ts) OVER (PARTITION BY customer_id ORDER BY ts, seq)) > CAST($1 AS BIGINT), true) AS starts',
    );
    expect(q.params).toEqual([129_600_000_000]);
  });

  it('forms journeys only the ways the store needs', () => {
    const withCase = render(createJourneySteps(plan({}, { withCase: true, withoutCase: false })));
    expect(withCase.text).toContain('case_id AS journey_id');
    expect(withCase.text).not.toContain('starts');
    const gapOnly = render(createJourneySteps(plan({}, { withCase: false, withoutCase: true })));
    expect(gapOnly.text).not.toContain('case_id AS journey_id');
    expect(gapOnly.text).toContain("customer_id || '#' || CAST(n AS VARCHAR) AS journey_id");
  });

  it('builds the small tables before the journey tables that join them', () => {
    const created = buildJourneyStatements(plan()).map((s) =>
      /CREATE OR REPLACE TEMP (TABLE|VIEW) (\w+)/.exec(render(s).text)?.slice(1).join(' '),
    );
    expect(created.filter((c) => c !== undefined)).toEqual([
      'TABLE jl_touchpoints',
      'TABLE jl_activity_exact',
      'TABLE jl_session_activities',
      'TABLE jl_session_segments',
      'VIEW jl_activities',
      'VIEW jl_segments',
      'TABLE jl_session_steps',
      'TABLE jl_session_journeys',
      'TABLE jl_session_customer_masks',
      'VIEW jl_journey_steps',
      'VIEW jl_journeys',
      'VIEW jl_customer_masks',
    ]);
  });

  it('reads the journey index through the same names, forming nothing', () => {
    const texts = readIndexStatements(plan()).map((s) => render(s).text);
    expect(texts.some((t) => t.includes('jl_session_steps AS'))).toBe(false);
    // Not even the lookups: no statement reads the events or the customers.
    expect(texts.some((t) => /\b(events|customers)\b/.test(t))).toBe(false);
    expect(texts.filter((t) => t.startsWith('CREATE OR REPLACE TEMP VIEW'))).toEqual([
      'CREATE OR REPLACE TEMP VIEW jl_activities AS SELECT * FROM jl_index_activities',
      'CREATE OR REPLACE TEMP VIEW jl_segments AS SELECT * FROM jl_index_segments',
      'CREATE OR REPLACE TEMP VIEW jl_journey_steps AS SELECT * FROM jl_index_steps',
      'CREATE OR REPLACE TEMP VIEW jl_journeys AS SELECT * FROM jl_index_journeys',
      'CREATE OR REPLACE TEMP VIEW jl_customer_masks AS SELECT * FROM jl_index_customer_masks',
    ]);
    const built = journeyTableStatements(plan(), INDEX_TABLES).map((s) => render(s).text);
    expect(built.map((t) => /^CREATE OR REPLACE TABLE (\w+) AS/.exec(t)?.[1])).toEqual([
      'jl_index_steps',
      'jl_index_journeys',
      'jl_index_customer_masks',
    ]);
  });
});

describe('variant SQL', () => {
  it('reads the start month on the given clock, in its zone', () => {
    const q = render(createVariants(zoneClock('Europe/Paris'), false));
    expect(q.text).toContain("date_trunc('month', timezone($1, first_ts)) AS month");
    expect(q.params).toEqual(['Europe/Paris']);
  });

  it("counts customers from the index's first-of-variant flags, else distinct", () => {
    const customers = (flagged: boolean): string | undefined =>
      /,\s+([^,]+?) AS customers,/.exec(
        render(createVariants(zoneClock('UTC'), flagged)).text,
      )?.[1];
    expect(customers(true)).toBe('count(*) FILTER (WHERE variant_first)');
    expect(customers(false)).toBe('count(DISTINCT customer_id)');
  });
});
