import { describe, expect, it } from 'vitest';
import { saveWorkspace } from '../../model/workspace-save.js';
import { updateWorkspaceYaml } from '../../model/workspace-update.js';
import { loadWorkspaceOrThrow, parseWorkspace, validateWorkspace } from '../../model/workspace.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import type { TEntryRow } from './brainstorm-store.js';
import { clusterEdit, clusterEntries, journeyEdit } from './curation.js';

const WS = loadWorkspaceOrThrow(`name: Curation
stages: [Purchase, Fulfilment]
teams:
  - { id: care, name: Care }
  - { id: shop, name: Shop }
segments:
  - { id: everyone, name: Everyone }
touchpoints:
  # by hand
  - { id: order, name: Order, stage: Purchase, channel: web, owner: shop }
idealJourneys:
  - id: buy
    name: Buy
    segment: everyone
    steps: [{ touchpoint: order, optional: true }]
`);

const row = (n: number, team: string, duplicateOf: string | null = null): TEntryRow => ({
  id: `e-${n}`,
  n,
  text: `entry ${n}`,
  channel: null,
  stage: null,
  team,
  authorTag: null,
  duplicateOf,
});
const ROWS = [row(1, 'care'), row(2, 'shop', 'e-1'), row(3, 'care'), row(4, 'shop')];

function apply(ws: TWorkspace, edit: ReturnType<typeof clusterEdit>): TWorkspace {
  if (edit.kind !== 'part') throw new Error('expected a part edit');
  const result = validateWorkspace(edit.apply(ws));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.workspace;
}

const cluster = { name: 'Parcel', stage: 'Fulfilment', channel: 'phone', owner: 'care' };

describe('clustering into the model', () => {
  it('takes the entries named and their duplicates; names an unknown one', () => {
    const taken = clusterEntries(['e-2', 'e-3'], ROWS);
    expect(taken.ok && taken.entries.map((e) => e.id)).toEqual(['e-1', 'e-2', 'e-3']);
    expect(clusterEntries(['e-9'], ROWS)).toEqual({
      ok: false,
      message: 'entries: no entry e-9 in this brainstorm',
    });
  });

  it('keeps origin and counts per team, moves entries between touchpoints, round-trips YAML', () => {
    const first = apply(
      WS,
      clusterEdit('bs-1', 'parcel', { ...cluster, entries: [] }, ROWS.slice(0, 3), ROWS),
    );
    expect(first.touchpoints[1]).toMatchObject({
      id: 'parcel',
      origin: { brainstorm: 'bs-1', entries: ['e-1', 'e-2', 'e-3'], teams: { care: 2, shop: 1 } },
    });
    const taken = [ROWS[2], ROWS[3]].flatMap((r) => (r === undefined ? [] : [r]));
    const second = apply(
      first,
      clusterEdit('bs-1', 'tracking', { ...cluster, name: 'Tracking', entries: [] }, taken, ROWS),
    );
    expect(second.touchpoints.map((t) => [t.id, t.origin?.entries])).toEqual([
      ['order', undefined],
      ['parcel', ['e-1', 'e-2']],
      ['tracking', ['e-3', 'e-4']],
    ]);
    expect(second.touchpoints[1]?.origin?.teams).toEqual({ care: 1, shop: 1 });
    const text = saveWorkspace(second);
    expect(loadWorkspaceOrThrow(text)).toEqual(second);
    const updated = updateWorkspaceYaml(`# top comment\n${saveWorkspace(WS)}`, second);
    expect(updated).toContain('# top comment');
    expect(loadWorkspaceOrThrow(updated)).toEqual(second);
  });

  it('refuses an origin without entries and a count that is not a whole number', () => {
    const bad = parseWorkspace(`name: X
teams: [{ id: care, name: Care }]
touchpoints:
  - { id: a, name: A, stage: Purchase, channel: web, owner: care, origin: { brainstorm: b, entries: [], teams: { care: 1.5 } } }
`);
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toEqual([
      'touchpoints[0].origin.entries',
      'touchpoints[0].origin.teams.care',
    ]);
  });

  it('orders an ideal journey, keeping the flags of the steps that stay', () => {
    const withParcel = apply(
      WS,
      clusterEdit('bs-1', 'parcel', { ...cluster, entries: [] }, ROWS.slice(0, 1), ROWS),
    );
    const next = apply(
      withParcel,
      journeyEdit('buy', { name: 'Buy and get', segment: 'everyone', steps: ['parcel', 'order'] }),
    );
    expect(next.idealJourneys[0]).toMatchObject({
      name: 'Buy and get',
      steps: [
        { touchpoint: 'parcel', optional: false },
        { touchpoint: 'order', optional: true },
      ],
    });
  });
});
