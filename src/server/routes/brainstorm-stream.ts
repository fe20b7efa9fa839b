/**
 * `GET /api/brainstorms/{id}/stream`: a board's server-sent events. The first event,
 * `snapshot`, carries the session and every entry so far; then `entry` (added or changed),
 * `removed`, `merged` and `locked`, in the order they happened, with nothing missed or
 * repeated in between (the service adds the listener and reads the entries in one step). A
 * client that reconnects gets a new snapshot, so there is no Last-Event-ID to honour. An
 * entry's `mine` flag is computed for each listener. A client too far behind is cut off (it
 * reconnects); streams end when the server stops accepting requests.
 */
import { z } from '@hono/zod-openapi';
import { streamSSE, type SSEMessage } from 'hono/streaming';
import type { TBoardEvent } from '../../service/brainstorms/brainstorm-types.js';
import type { BrainstormService } from '../../service/brainstorms/brainstorms.js';
import { principalOf } from '../auth.js';
import type { TApp } from '../context.js';
import { fail, errorResponse } from '../errors.js';
import { ANY_PERSON, protectedRoute } from '../route.js';
import { ZId } from './brainstorm-schemas.js';
import { SseQueue } from '../sse-queue.js';

const RECONNECT_MS = 3000;
const MAX_PENDING = 5000;

const streamRoute = protectedRoute(
  { roles: ANY_PERSON, scopes: ['read'] },
  {
    method: 'get',
    path: '/api/brainstorms/{id}/stream',
    tags: ['brainstorms'],
    summary: 'Server-sent events of a board: a snapshot, then every change as it happens',
    description:
      'Events `snapshot` ({ brainstorm, entries }), `entry` ({ entry, change: added | changed }), `removed` ({ id }), `merged` ({ entries: [{ id, duplicateOf }] }), `locked` ({ endsAt }), and a `: keep-alive` comment every 15 s. Reconnecting gives a new snapshot.',
    request: { params: ZId },
    responses: {
      200: {
        description: 'the stream (text/event-stream)',
        content: { 'text/event-stream': { schema: z.string() } },
      },
      404: errorResponse('no such brainstorm'),
    },
  },
);

const frame = (e: TBoardEvent): SSEMessage => {
  const { type, ...data } = e;
  return { event: type, data: JSON.stringify(data) };
};

export function boardStream(app: TApp, brainstorms: BrainstormService, keepAliveMs: number): void {
  app.openapi(streamRoute, async (c) => {
    const { id } = c.req.valid('param');
    const p = principalOf(c.var.principal);
    const queue = new SseQueue(MAX_PENDING);
    const listening = await brainstorms.subscribe(id, {
      userId: p.kind === 'user' ? p.id : undefined,
      event(e) {
        queue.push(frame(e));
      },
      close() {
        queue.close();
      },
    });
    if (listening === undefined) return fail(c, 404, 'not_found', `no brainstorm ${id}`);
    const snapshot = JSON.stringify({ brainstorm: listening.info, entries: listening.entries });
    const response = streamSSE(c, async (stream) => {
      try {
        await stream.write(`retry: ${RECONNECT_MS}\n: connected\n\n`);
        await stream.writeSSE({ event: 'snapshot', data: snapshot });
        await queue.pump(stream, keepAliveMs);
      } finally {
        listening.stop();
      }
    });
    response.headers.set('Connection', 'close');
    return response;
  });
}
