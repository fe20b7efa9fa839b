/**
 * The body size limit on a real Node HTTP server (the adapter the product runs on): bodies
 * with a length and chunked bodies, under and over the limit, and the body still read whole.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLimit } from './body-limit.js';

let server: ServerType;
let port = 0;

beforeAll(async () => {
  const app = new Hono();
  app.use('*', bodyLimit({ maxSize: 100, onError: (c) => c.text('too large', 413) }));
  app.post('/echo', async (c) => c.text(`read ${(await c.req.text()).length}`));
  app.get('/get', (c) => c.text('got'));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Sends `parts` as the body: with a Content-Length when `chunked` is false. */
function send(
  parts: string[],
  chunked: boolean,
  method = 'POST',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const total = parts.join('');
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: method === 'GET' ? '/get' : '/echo',
        headers: chunked
          ? { 'transfer-encoding': 'chunked' }
          : { 'content-length': Buffer.byteLength(total) },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (const part of parts) req.write(part);
    req.end();
  });
}

describe('bodyLimit', () => {
  it('passes a body with a length up to the limit, read whole', async () => {
    expect(await send(['x'.repeat(100)], false)).toEqual({ status: 200, body: 'read 100' });
  });

  it('answers 413 to a declared length over the limit', async () => {
    expect((await send(['x'.repeat(101)], false)).status).toBe(413);
  });

  it('counts a chunked body as it reads it: under the limit passes, over it is a 413', async () => {
    expect(await send(['x'.repeat(60), 'y'.repeat(40)], true)).toEqual({
      status: 200,
      body: 'read 100',
    });
    expect((await send(['x'.repeat(60), 'y'.repeat(41)], true)).status).toBe(413);
  });

  it('lets requests without a body through', async () => {
    expect(await send([], false, 'GET')).toEqual({ status: 200, body: 'got' });
    expect(await send([], false)).toEqual({ status: 200, body: 'read 0' });
  });
});
