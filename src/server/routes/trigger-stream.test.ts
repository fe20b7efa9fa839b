/**
 * The server-sent event stream of moment-of-truth occurrences (`GET /api/stream`): live
 * occurrences with keep-alives, resuming after Last-Event-ID, who may listen, and the end of the
 * stream at shutdown. Set-up: trigger-test-kit.ts.
 */
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../service/auth/accounts.js';
import { memoryLogger } from '../log.js';
import { startServer } from '../serve.js';
import { frames, type TFrame } from './test-http.js';
import { triggerModule } from './trigger-routes.js';
import { boot, FAST, fx, ingest, triggerFixture } from './trigger-test-kit.js';

triggerFixture();

const isMoment = (f: TFrame) => f.event === 'moment';

describe('the event stream', () => {
  it('streams occurrences published through the ingest bus, with keep-alives', async () => {
    await boot();
    const res = await fx.t.call('viewer', '/api/stream');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const stream = frames(res);
    expect((await stream.next()).comment).toBe('connected');
    const [, second] = await ingest(fx.t.context, [
      { customer: 'c1', activity: 'call', ts: '2026-03-01T10:00:00Z' },
      { customer: 'c1', activity: 'call', ts: '2026-03-02T10:00:00Z' },
    ]);
    const moment = await stream.next(isMoment);
    expect(moment.id).toMatch(/^[0-9a-z]+-1$/);
    expect(JSON.parse(moment.data ?? '')).toMatchObject({
      id: `rule:second-call@${second}`,
      moment: 'rule:second-call',
      kind: 'rule',
      rule: 'contactsWithin',
      customerId: 'c1',
      touchpoint: 'call',
      channel: 'phone',
      event: { seq: second, ts: '2026-03-02T10:00:00.000Z' },
    });
    expect((await stream.next((f) => f.comment === 'keep-alive')).comment).toBe('keep-alive');
    await stream.cancel();
  });

  it('resumes after Last-Event-ID from its buffer, and says reset when it cannot', async () => {
    await boot();
    await ingest(fx.t.context, [
      { customer: 'c1', activity: 'pay', ts: '2026-03-01T10:00:00Z' },
      { customer: 'c2', activity: 'pay', ts: '2026-03-01T11:00:00Z' },
      { customer: 'c3', activity: 'pay', ts: '2026-03-01T12:00:00Z' },
    ]);
    const live = frames(await fx.t.call('read', '/api/stream'));
    await live.next();
    await ingest(fx.t.context, [{ customer: 'c4', activity: 'pay', ts: '2026-03-01T13:00:00Z' }]);
    const fourth = await live.next(isMoment);
    await live.cancel();
    const [run, n] = (fourth.id ?? '').split('-');
    expect(n).toBe('4');

    // Missed everything after the first one.
    const resumed = frames(
      await fx.t.call('read', '/api/stream', { headers: { 'Last-Event-ID': `${run}-1` } }),
    );
    const again = [await resumed.next(isMoment), await resumed.next(isMoment)];
    await resumed.next(isMoment).then((f) => again.push(f));
    expect(
      again.map((f) => (JSON.parse(f.data ?? '') as { customerId: string }).customerId),
    ).toEqual(['c2', 'c3', 'c4']);
    await resumed.cancel();

    const lost = frames(
      await fx.t.call('read', '/api/stream', { headers: { 'Last-Event-ID': 'an-earlier-run-9' } }),
    );
    const reset = await lost.next((f) => f.event !== undefined);
    expect(reset.event).toBe('reset');
    await lost.cancel();
  });

  it('admits people and read tokens only', async () => {
    await boot();
    expect((await fx.t.call('anonymous', '/api/stream')).status).toBe(401);
    expect((await fx.t.call('ingest', '/api/stream')).status).toBe(403);
    for (const who of ['admin', 'cx', 'team', 'viewer', 'read'] as const) {
      const res = await fx.t.call(who, '/api/stream');
      expect(res.status, who).toBe(200);
      await res.body?.cancel();
    }
  });

  it('ends when the server shuts down, so it can drain', async () => {
    await boot();
    await fx.t.close();
    const server = await startServer({
      workspaceDir: fx.dir,
      port: 0,
      log: memoryLogger(),
      modules: [triggerModule({ delivery: FAST })],
    });
    const { token } = await createApiToken(server.context.store, {
      name: 'web',
      scopes: ['read'],
      createdBy: 'test',
    });
    const res = await fetch(`${server.url}/api/stream`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const stream = frames(res);
    expect((await stream.next()).comment).toBe('connected');
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(stream.next()).rejects.toThrow('the stream ended');
    fx.t = { ...fx.t, close: () => Promise.resolve() };
  });
});
