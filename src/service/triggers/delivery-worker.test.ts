/**
 * Single webhook attempts against a real receiver on 127.0.0.1.
 *
 * A receiver that never answers: the timeout must fire even when garbage collection runs
 * while the attempt waits (a timeout signal held only weakly was collected under load, and
 * the attempt then hung for ever).
 *
 * Private addresses: the host is resolved and checked before every attempt, and the attempt
 * connects to the address checked. DNS is outside the machine, so names are answered by a
 * resolver of the test's own; that a name only this resolver knows reaches the receiver shows
 * the connection used its answer and no second lookup.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TStore } from '../../store/store.js';
import { DeliveryWorker, type TDeliveryOptions } from './delivery-worker.js';
import { ALLOW_PRIVATE_HINT, type TResolveHost } from './webhook-target.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let answer: 'hang' | number = 'hang';
const hanging: ServerResponse[] = [];
const received: IncomingHttpHeaders[] = [];
const server = createServer((req, res) => {
  req.resume();
  received.push(req.headers);
  if (answer === 'hang') hanging.push(res);
  else res.writeHead(answer).end();
});
let port: number;

beforeEach(async () => {
  answer = 'hang';
  received.length = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterEach(() => {
  server.closeAllConnections();
  server.close();
});

const noLog = { log: () => undefined };
const worker = (options: Partial<TDeliveryOptions>) =>
  new DeliveryWorker({} as TStore, noLog, {
    timeoutMs: 200,
    maxAttempts: 3,
    random: () => 0,
    backoffBaseMs: 1000,
    ...options,
  });
const attemptAt = (w: DeliveryWorker, url: string) =>
  w.attempt({
    id: 'd1',
    eventType: 'moment.occurred',
    payload: '{}',
    attempts: 0,
    url,
    secret: 'whsec_test',
  });

/** A DNS that knows one name, answering with the receiver's address. */
const onlyHooks =
  (address = '127.0.0.1'): TResolveHost =>
  (hostname) =>
    hostname === 'hooks.example.test'
      ? Promise.resolve([{ address, family: 4 }])
      : Promise.reject(
          Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }),
        );

it('times out an attempt that gets no answer, even when memory is collected meanwhile', async () => {
  const attempt = attemptAt(
    worker({ allowPrivateAddresses: true }),
    `http://127.0.0.1:${port}/hook`,
  );
  const collector = setInterval(gc, 20);
  const outcome = await Promise.race([
    attempt,
    new Promise((resolve) => setTimeout(() => resolve('still waiting after 3 s'), 3000)),
  ]).finally(() => clearInterval(collector));
  expect(outcome).toMatchObject({ kind: 'retry', status: null, error: 'no answer within 200 ms' });
  expect(hanging).toHaveLength(1);
});

describe('private addresses', () => {
  it('are refused by default: a dead letter at the first attempt, and no request', async () => {
    answer = 204;
    const w = worker({ resolve: onlyHooks() });
    expect(await attemptAt(w, `http://127.0.0.1:${port}/hook`)).toEqual({
      kind: 'dead',
      status: null,
      error: `refused: 127.0.0.1 is in the loopback range 127.0.0.0/8; ${ALLOW_PRIVATE_HINT}`,
    });
    // A name that resolves to the receiver now (DNS rebinding, a changed record).
    expect(await attemptAt(w, `http://hooks.example.test:${port}/hook`)).toEqual({
      kind: 'dead',
      status: null,
      error: `refused: hooks.example.test resolves to 127.0.0.1, in the loopback range 127.0.0.0/8; ${ALLOW_PRIVATE_HINT}`,
    });
    expect(received).toEqual([]);
  });

  it('are reached when allowed, at the address the check resolved', async () => {
    answer = 204;
    const w = worker({ allowPrivateAddresses: true, resolve: onlyHooks() });
    expect(await attemptAt(w, `http://hooks.example.test:${port}/hook`)).toEqual({
      kind: 'delivered',
      status: 204,
    });
    expect(received).toHaveLength(1);
    expect(received[0]?.host).toBe(`hooks.example.test:${port}`);
  });

  it('a refused connection is retried, with the error that says where it went', async () => {
    const w = worker({ allowPrivateAddresses: true, resolve: onlyHooks() });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port: nobody } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await attemptAt(w, `http://hooks.example.test:${nobody}/hook`)).toEqual({
      kind: 'retry',
      status: null,
      error: `connect ECONNREFUSED 127.0.0.1:${nobody}`,
      nextAttemptMs: expect.any(Number) as number,
    });
  });

  it('a name that does not resolve is retried: DNS may answer later', async () => {
    const w = worker({ resolve: onlyHooks() });
    expect(await attemptAt(w, `https://nowhere.example.test/hook`)).toMatchObject({
      kind: 'retry',
      status: null,
      error: 'cannot resolve nowhere.example.test (ENOTFOUND)',
    });
  });

  it('a lookup that never answers times out like a receiver that never answers', async () => {
    const w = worker({ resolve: () => new Promise(() => undefined) });
    expect(await attemptAt(w, `https://hooks.example.test/hook`)).toMatchObject({
      kind: 'retry',
      status: null,
      error: 'no answer within 200 ms',
    });
  });
});
