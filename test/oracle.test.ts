/**
 * Discovery equals PM4Py 2.7 on every real log in shared/data/logs (DESIGN.md §3).
 * Runs in-process on an in-memory store; test/cli.test.ts runs the same through the CLI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { importFile } from '../src/ingest/import.js';
import { discover } from '../src/service/discover.js';
import { openStore } from '../src/service/workspace-store.js';
import { expectEqualToOracle, LOG_OPTIONS, type TOracle } from './oracle.js';
import { describeWithSharedData } from './shared-data.js';

describeWithSharedData('discovery equals the PM4Py oracle', (data) => {
  const logs = readdirSync(join(data, 'logs')).filter((f) => !f.startsWith('.'));
  for (const log of logs) {
    const oracleFile = join(
      data,
      'oracle',
      `${log.replace(/\.(xes\.gz|xes|csv\.gz|csv)$/, '')}.json`,
    );
    it(log, async () => {
      const oracle = JSON.parse(readFileSync(oracleFile, 'utf8')) as TOracle;
      const options = LOG_OPTIONS[log] ?? {};
      const store = await openStore(':memory:');
      try {
        const report = await importFile(store, {
          path: join(data, 'logs', log),
          kind: 'events',
          mapping: options.mapping,
          separator: options.separator,
          encoding: options.encoding,
          activityExtract: options.activityExtract,
          keepAttributes: false,
        });
        if (report.quarantined > 0)
          throw new Error(`quarantined: ${JSON.stringify(report.issues.slice(0, 3))}`);
        expectEqualToOracle(await discover(store, { topVariants: 500 }), oracle);
      } finally {
        await store.close();
      }
    });
  }
});
