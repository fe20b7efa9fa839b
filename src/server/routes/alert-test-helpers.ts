/**
 * For the alert tests: a webhook receiver on 127.0.0.1 that records what it is sent, a reader
 * of event streams and a poll that waits for a condition. Not loaded by the server.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Polls until `check` holds (or fails with what it last saw). */
export async function until<T>(
  read: () => Promise<T> | T,
  check: (v: T) => boolean,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > end) throw new Error(`timed out; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 15));
    last = await read();
  }
  return last;
}

export type TReceived = { headers: IncomingHttpHeaders; body: string };

/** A webhook receiver answering `status` to every request. */
export async function receiver(status = 200) {
  const received: TReceived[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/slack`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type TReceiver = Awaited<ReturnType<typeof receiver>>;

/** Reads a stream until its text contains `marker` (or fails after a while). */
export async function readUntil(res: Response, marker: string): Promise<string> {
  const reader = res.body?.getReader();
  if (reader === undefined) throw new Error('no body');
  const decoder = new TextDecoder();
  let text = '';
  const end = Date.now() + 5000;
  while (!text.includes(marker)) {
    if (Date.now() > end) throw new Error(`no ${marker} in ${text}`);
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  reader.releaseLock();
  return text;
}
