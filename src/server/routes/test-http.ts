/**
 * HTTP helpers for the server's tests: a webhook receiver on 127.0.0.1 that records what it is
 * sent and answers as told, a reader of server-sent events frame by frame, and a poll that
 * waits for a condition. Not loaded by the server.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Polls until `check` holds (or fails with what it last saw). */
export async function until<T>(read: () => Promise<T> | T, check: (v: T) => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > end) throw new Error(`timed out; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 15));
    last = await read();
  }
  return last;
}

/** A status, no answer at all ('hang'), a dropped connection, or an answer written by `respond`. */
export type TAnswer = number | 'hang' | 'drop' | { respond: (res: ServerResponse) => void };
export type TReceived = { headers: IncomingHttpHeaders; body: string };

/** A webhook receiver on 127.0.0.1: answers the n-th request (1-based) as `answer` says. */
export async function receiver(answer: TAnswer | ((n: number) => TAnswer) = 200) {
  const received: TReceived[] = [];
  const hanging: ServerResponse[] = [];
  const state = { answer: typeof answer === 'function' ? answer : () => answer };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const a = state.answer(received.length);
      if (a === 'drop') req.socket.destroy();
      else if (a === 'hang') hanging.push(res);
      else if (typeof a === 'object') a.respond(res);
      else res.writeHead(a, { 'content-type': 'text/plain' }).end(a < 300 ? 'thanks' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/journeylens`,
    received,
    answer(fn: (n: number) => TAnswer) {
      state.answer = fn;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type TReceiver = Awaited<ReturnType<typeof receiver>>;

export type TFrame = { event?: string; id?: string; data?: string; comment?: string };

/** Reads server-sent events frame by frame; `text` is everything read so far. */
export function frames(res: Response) {
  const body = res.body;
  if (body === null) throw new Error('no body');
  const reader: ReadableStreamDefaultReader<Uint8Array> = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let text = '';
  const parse = (chunk: string): TFrame => {
    const frame: TFrame = {};
    for (const line of chunk.split('\n')) {
      if (line.startsWith(':')) frame.comment = line.slice(1).trim();
      const m = /^(event|id|data): (.*)$/.exec(line);
      if (m?.[1] !== undefined) frame[m[1] as 'event' | 'id' | 'data'] = m[2];
    }
    return frame;
  };
  return {
    get text() {
      return text;
    },
    /** The next frame that passes `wanted` (others are skipped). */
    async next(wanted: (f: TFrame) => boolean = () => true, ms = 5000): Promise<TFrame> {
      const end = Date.now() + ms;
      for (;;) {
        const cut = buffer.indexOf('\n\n');
        if (cut >= 0) {
          const frame = parse(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          if (wanted(frame)) return frame;
          continue;
        }
        if (Date.now() > end) throw new Error(`no such frame; buffered: ${buffer}`);
        let timer: NodeJS.Timeout | undefined;
        const { done, value } = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('no frame in time')), end - Date.now());
          }),
        ]).finally(() => clearTimeout(timer));
        if (done) throw new Error('the stream ended');
        const chunk = decoder.decode(value, { stream: true });
        text += chunk;
        buffer += chunk;
      }
    },
    cancel: () => reader.cancel(),
  };
}

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
