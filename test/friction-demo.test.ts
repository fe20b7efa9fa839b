/**
 * The friction detectors find what the demo generator recorded, type by type, for two seeds:
 * occurrences and customers affected. (The generator counts with its own code, written apart
 * from the detectors, over the events it writes.)
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { generateDemo } from '../demo/generate.js';
import { importFile } from '../src/ingest/import.js';
import { createFriction, FRICTION } from '../src/query/friction.js';
import { raw } from '../src/query/sql.js';
import { buildJourneys } from '../src/service/journeys.js';
import { loadWorkspaceDir } from '../src/service/workspace-files.js';
import { openStore } from '../src/service/workspace-store.js';

const TRUTH_KEY: Record<string, string> = {
  repeat_contact: 'repeatContact',
  loop: 'loop',
  channel_switch: 'channelSwitch',
  handoff: 'handoff',
  wait: 'wait',
  failure: 'failure',
  abandonment: 'abandonment',
};

type TTruth = { frictions: Record<string, { occurrences: number; customersAffected: number }> };

it.each([3, 11])('finds every seeded friction of the demo with seed %i', async (seed) => {
  const dir = await mkdtemp(join(tmpdir(), 'jl-friction-demo-'));
  try {
    await generateDemo({ seed, customers: 1500, out: dir });
    const store = await openStore(dir);
    try {
      for (const [kind, file] of [
        ['customers', 'customers.csv'],
        ['events', 'events.csv'],
      ] as const) {
        await importFile(store, { path: join(dir, 'data', file), kind });
      }
      const workspace = await loadWorkspaceDir(dir);
      await buildJourneys(store, workspace);
      await store.exec(createFriction(workspace.friction, raw('jl_journey_steps')));
      const found = await store.all<{ type: string; occurrences: number; customers: number }>(
        raw(`SELECT type, count(*) AS occurrences, count(DISTINCT customer_id) AS customers
          FROM ${FRICTION} GROUP BY type ORDER BY type`),
      );
      const truth = (JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as TTruth)
        .frictions;
      const expected = Object.entries(TRUTH_KEY)
        .map(([type, key]) => ({
          type,
          occurrences: truth[key]?.occurrences ?? -1,
          customers: truth[key]?.customersAffected ?? -1,
        }))
        .filter((t) => t.occurrences > 0)
        .sort((a, b) => a.type.localeCompare(b.type));
      expect(expected.length).toBe(7);
      expect(found).toEqual(expected);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
