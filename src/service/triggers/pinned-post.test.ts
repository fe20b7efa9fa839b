import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { receiver, type TAnswer, type TReceiver } from '../../server/routes/test-http.js';
import { pinnedLookup, postPinned } from './pinned-post.js';

const V4 = { address: '127.0.0.1', family: 4 } as const;
const V6 = { address: '::1', family: 6 } as const;

/** What the lookup hands to the socket, for the options net asks with. */
function looked(addresses: (typeof V4 | typeof V6)[], options: object) {
  return new Promise<unknown>((resolve) => {
    pinnedLookup(addresses)('hooks.example.test', options, (err, address, family) =>
      resolve(err === null ? { address, family } : { code: err.code, message: err.message }),
    );
  });
}

describe('pinnedLookup', () => {
  it('answers with the checked addresses only, in the form net asks for', async () => {
    expect(await looked([V4, V6], { all: true })).toEqual({ address: [V4, V6], family: undefined });
    expect(await looked([V6, V4], {})).toEqual({ address: '::1', family: 6 });
    expect(await looked([V6, V4], { family: 4 })).toEqual({ address: '127.0.0.1', family: 4 });
    expect(await looked([V4], { family: 6, all: true })).toEqual({
      code: 'ENOTFOUND',
      message: 'no checked IPv6 address for hooks.example.test',
    });
  });
});

let hook: TReceiver | undefined;
afterEach(async () => {
  await hook?.close();
  hook = undefined;
});

/** POSTs to a new receiver on 127.0.0.1 that answers as `answer` says, under a made-up name. */
async function post(answer: TAnswer, signal = new AbortController().signal) {
  await hook?.close();
  hook = await receiver(answer);
  const { port } = new URL(hook.url);
  return postPinned(new URL(`http://hooks.example.test:${port}/in`), [V4], {
    headers: { 'content-type': 'application/json' },
    body: '{"é":1}',
    signal,
  });
}

describe('postPinned', () => {
  it('POSTs the body to the checked address, under the host name', async () => {
    expect(await post({ respond: (res) => res.writeHead(202).end('not read') })).toMatchObject({
      status: 202,
      text: '',
    });
    expect(hook?.received).toEqual([
      {
        body: '{"é":1}',
        headers: expect.objectContaining({
          host: expect.stringMatching(/^hooks\.example\.test:\d+$/) as string,
          'content-length': '8',
          'content-type': 'application/json',
        }) as IncomingHttpHeaders,
      },
    ]);
  });

  it('reads only the start of an error answer, and keeps the status when the body stalls', async () => {
    const long = await post({
      respond: (res) => res.writeHead(500, { 'retry-after': '7' }).end('x'.repeat(100_000)),
    });
    expect(long.status).toBe(500);
    expect(long.headers['retry-after']).toBe('7');
    expect(long.text.length).toBeGreaterThanOrEqual(1000);
    expect(long.text.length).toBeLessThan(100_000);

    // Headers and a first chunk, then nothing: the abort ends the body, not the answer.
    const respond = (res: ServerResponse) => {
      res.writeHead(503);
      res.write('busy');
    };
    const timeout = new AbortController();
    setTimeout(() => timeout.abort(), 100);
    expect(await post({ respond }, timeout.signal)).toMatchObject({ status: 503, text: 'busy' });
  });

  it('rejects when aborted before an answer', async () => {
    const timeout = new AbortController();
    setTimeout(() => timeout.abort(), 50);
    await expect(post('hang', timeout.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
