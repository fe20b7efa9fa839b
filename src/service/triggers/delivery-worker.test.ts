/**
 * One webhook attempt against a receiver that never answers: the timeout must fire even when
 * garbage collection runs while the attempt waits (a timeout signal held only weakly was
 * collected under load, and the attempt then hung for ever).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, expect, it } from 'vitest';
import type { TStore } from '../../store/store.js';
import { DeliveryWorker } from './delivery-worker.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const hanging: ServerResponse[] = [];
const server = createServer((req, res) => {
  req.resume();
  hanging.push(res);
});

afterEach(() => {
  server.closeAllConnections();
  server.close();
});

it('times out an attempt that gets no answer, even when memory is collected meanwhile', async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const noLog = { log: () => undefined };
  const worker = new DeliveryWorker({} as TStore, noLog, {
    timeoutMs: 200,
    maxAttempts: 3,
    random: () => 0,
    backoffBaseMs: 1000,
  });
  const attempt = worker.attempt({
    id: 'd1',
    eventType: 'moment.occurred',
    payload: '{}',
    attempts: 0,
    url: `http://127.0.0.1:${port}/hook`,
    secret: 'whsec_test',
  });
  const collector = setInterval(gc, 20);
  const outcome = await Promise.race([
    attempt,
    new Promise((resolve) => setTimeout(() => resolve('still waiting after 3 s'), 3000)),
  ]).finally(() => clearInterval(collector));
  expect(outcome).toMatchObject({ kind: 'retry', status: null, error: 'no answer within 200 ms' });
  expect(hanging).toHaveLength(1);
});
