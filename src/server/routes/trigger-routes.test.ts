/**
 * Real-time triggers end to end: events published on the ingest bus (as the ingest route
 * does after its commit) become moment-of-truth occurrences, delivered as signed webhooks to
 * a real HTTP receiver on 127.0.0.1; subscriptions, restarts and private addresses. The app is
 * the real one on a real store in a temp folder (so it can be restarted); backoff is shortened
 * (set-up: trigger-test-kit.ts). The event stream is in trigger-stream.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { sql } from '../../query/sql.js';
import { listDeliveries, type TDelivery } from '../../service/triggers/delivery-queue.js';
import type { TWebhookEvent } from '../../service/triggers/occurrence.js';
import { verifySignature } from '../../service/triggers/signature.js';
import type { TResolveHost } from '../../service/triggers/webhook-target.js';
import { createWebhook } from '../../service/triggers/webhooks.js';
import { openStore } from '../../service/workspace-store.js';
import type { TTestApp } from '../test-kit.js';
import { until, type TAnswer } from './test-http.js';
import {
  boot,
  deliveries,
  fx,
  hmac,
  ingest,
  reopen,
  rows,
  subscribe,
  triggerFixture,
} from './trigger-test-kit.js';

triggerFixture();

describe('webhooks', () => {
  it('POSTs each occurrence signed with the secret, with an Idempotency-Key', async () => {
    await boot();
    const hook = await subscribe(fx.t, { url: fx.hooks.url });
    expect(hook.secret).toMatch(/^whsec_/);
    const [seq] = await ingest(fx.t.context, [
      { customer: 'c1', activity: 'pay', ts: '2026-03-01T10:00:00Z' },
    ]);
    await until(
      () => fx.hooks.received.length,
      (n) => n === 1,
    );
    const [got] = fx.hooks.received;
    if (got === undefined) throw new Error('nothing received');
    // The signature, recomputed here from its definition: HMAC-SHA256 of "t.body".
    const header = String(got.headers['journeylens-signature']);
    const [, ts, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
    expect(mac).toBe(hmac(hook.secret, `${ts}.${got.body}`));
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    expect(verifySignature(hook.secret, got.body, header, Date.now() / 1000)).toBe(true);
    expect(verifySignature('whsec_another-secret', got.body, header, Date.now() / 1000)).toBe(
      false,
    );
    expect(
      verifySignature(hook.secret, got.body.replace('c1', 'c2'), header, Date.now() / 1000),
    ).toBe(false);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['journeylens-event']).toBe('moment.occurred');
    const event = JSON.parse(got.body) as TWebhookEvent;
    expect(event).toMatchObject({
      id: `touchpoint:pay@${seq}`,
      type: 'moment.occurred',
      data: {
        moment: 'touchpoint:pay',
        kind: 'touchpoint',
        momentId: 'pay',
        name: 'Payment',
        rule: null,
        customerId: 'c1',
        touchpoint: 'pay',
        stage: 'Purchase',
        channel: 'web',
        event: { seq, id: `ev-${seq}`, ts: '2026-03-01T10:00:00.000Z', activity: 'pay' },
      },
    });
    const [delivered] = await until(
      () => deliveries(fx.t, hook.id, 'delivered'),
      (d) => d.length === 1,
    );
    expect(got.headers['idempotency-key']).toBe(delivered?.id);
    expect(delivered).toMatchObject({ attempts: 1, lastStatus: 200, eventId: event.id });
  });

  it('sends only the moments a subscription asks for, and nothing to a paused one', async () => {
    await boot();
    const calls = await subscribe(fx.t, { url: fx.hooks.url, moments: ['rule:second-call'] });
    const paused = await subscribe(fx.t, { url: fx.hooks.url, active: false });
    await ingest(fx.t.context, [
      { customer: 'c1', activity: 'call', ts: '2026-03-01T10:00:00Z' },
      { customer: 'c1', activity: 'pay', ts: '2026-03-02T10:00:00Z' },
      { customer: 'c1', activity: 'call', ts: '2026-03-20T10:00:00Z' },
      { customer: 'c2', activity: 'call', ts: '2026-03-21T10:00:00Z' },
    ]);
    await until(
      () => deliveries(fx.t, calls.id, 'delivered'),
      (d) => d.length === 1,
    );
    expect(fx.hooks.received.map((r) => (JSON.parse(r.body) as TWebhookEvent).id)).toEqual([
      'rule:second-call@3',
    ]);
    expect(await deliveries(fx.t, paused.id, 'pending')).toEqual([]);
  });

  it('retries 5xx, 429, dropped connections and timeouts: attempt k+1 gets it, same key', async () => {
    await boot({ delivery: { maxAttempts: 5 } });
    const answers: TAnswer[] = [503, 429, 'drop', 'hang', 204];
    fx.hooks.answer((n) => answers[n - 1] ?? 500);
    const hook = await subscribe(fx.t, { url: fx.hooks.url });
    await ingest(fx.t.context, [{ customer: 'c1', activity: 'pay', ts: '2026-03-01T10:00:00Z' }]);
    const [delivered] = await until(
      () => deliveries(fx.t, hook.id, 'delivered'),
      (d) => d.length === 1,
      8000,
    ).catch(async (e: unknown) => {
      const all = await (await fx.t.call('admin', `/api/webhooks/${hook.id}/deliveries`)).text();
      throw new Error(`${String(e)} ALL=${all} RECEIVED=${fx.hooks.received.length}`);
    });
    expect(delivered).toMatchObject({ attempts: 5, lastStatus: 204, lastError: null });
    expect(fx.hooks.received.map((r) => r.headers['journeylens-attempt'])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(new Set(fx.hooks.received.map((r) => r.headers['idempotency-key']))).toEqual(
      new Set([delivered?.id]),
    );
    // The same body every time; only the signature's time may differ.
    expect(new Set(fx.hooks.received.map((r) => r.body)).size).toBe(1);
  });

  it('does not retry a 4xx other than 429: a dead letter at once', async () => {
    await boot();
    fx.hooks.answer(() => 410);
    const hook = await subscribe(fx.t, { url: fx.hooks.url });
    await ingest(fx.t.context, [{ customer: 'c1', activity: 'pay', ts: '2026-03-01T10:00:00Z' }]);
    const [dead] = await until(
      () => deliveries(fx.t, hook.id, 'dead'),
      (d) => d.length === 1,
    );
    expect(dead).toMatchObject({ attempts: 1, lastStatus: 410, lastError: 'HTTP 410: not now' });
    await new Promise((r) => setTimeout(r, 150));
    expect(fx.hooks.received).toHaveLength(1);
  });

  it('gives up after N attempts into the dead letters; a retry from the list delivers', async () => {
    await boot({ delivery: { maxAttempts: 3 } });
    fx.hooks.answer(() => 500);
    const hook = await subscribe(fx.t, { url: fx.hooks.url });
    await ingest(fx.t.context, [{ customer: 'c1', activity: 'pay', ts: '2026-03-01T10:00:00Z' }]);
    const list = async () => {
      const res = await fx.t.call('cx', '/api/webhooks/dead-letters');
      expect(res.status).toBe(200);
      return ((await res.json()) as { deadLetters: TDelivery[] }).deadLetters;
    };
    const [dead] = await until(list, (d) => d.length === 1);
    expect(dead).toMatchObject({
      subscriptionId: hook.id,
      status: 'dead',
      attempts: 3,
      lastStatus: 500,
      lastError: 'HTTP 500: not now (after 3 attempts)',
    });
    expect(fx.hooks.received).toHaveLength(3);

    fx.hooks.answer(() => 200);
    const retry = await fx.t.call('cx', `/api/webhooks/dead-letters/${dead?.id}/retry`, {
      method: 'POST',
    });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ id: dead?.id, status: 'pending', attempts: 0 });
    const [delivered] = await until(
      () => deliveries(fx.t, hook.id, 'delivered'),
      (d) => d.length === 1,
    );
    expect(delivered).toMatchObject({ id: dead?.id, attempts: 1 });
    expect(fx.hooks.received).toHaveLength(4);
    expect(fx.hooks.received[3]?.headers['idempotency-key']).toBe(dead?.id);
    expect(await list()).toEqual([]);
    // Only a dead letter can be retried.
    const again = await fx.t.call('cx', `/api/webhooks/dead-letters/${dead?.id}/retry`, {
      method: 'POST',
    });
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(
      /is delivered, not a dead letter/,
    );
  });
});

describe('subscriptions', () => {
  it('are for the CX team: admin and cx manage them, others may not', async () => {
    await boot();
    for (const who of ['team', 'viewer', 'read', 'ingest', 'route'] as const) {
      expect((await fx.t.call(who, '/api/webhooks')).status, who).toBe(403);
    }
    expect((await fx.t.call('anonymous', '/api/webhooks')).status).toBe(401);
    expect((await fx.t.call('admin', '/api/webhooks')).status).toBe(200);
    const post = (body: unknown) =>
      fx.t.call('cx', '/api/webhooks', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ url: 'ftp://example.com/x' })).status).toBe(400);
    expect((await post({ url: fx.hooks.url, moments: ['second-call'] })).status).toBe(400);
    expect((await post({ url: fx.hooks.url, events: ['moment.vanished'] })).status).toBe(400);
  });

  it('show the secret once, then only its last four characters; change, rotate, delete', async () => {
    await boot();
    const created = await subscribe(fx.t, {
      url: fx.hooks.url,
      moments: ['touchpoint:pay'],
      description: 'CRM escalations',
    });
    expect(created.secretHint).toBe(created.secret.slice(-4));
    const listed: unknown = await (await fx.t.call('cx', '/api/webhooks')).json();
    expect(listed).toEqual({
      webhooks: [
        expect.objectContaining({
          id: created.id,
          url: fx.hooks.url,
          // Every event type by default; alerts reach only subscriptions their rule names.
          events: ['moment.occurred', 'alert.raised', 'alert.resolved'],
          moments: ['touchpoint:pay'],
          active: true,
          description: 'CRM escalations',
          secretHint: created.secret.slice(-4),
          createdBy: 'user:cx@example.com',
        }),
      ],
    });
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    const patch = (body: unknown) =>
      fx.t.call('admin', `/api/webhooks/${created.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const rotated = (await (await patch({ rotateSecret: true, moments: null })).json()) as {
      secret: string;
      moments: null;
    };
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.moments).toBeNull();
    // Deliveries are signed with the new secret.
    await ingest(fx.t.context, [{ customer: 'c1', activity: 'pay', ts: '2026-03-01T10:00:00Z' }]);
    const [got] = await until(
      () => fx.hooks.received,
      (r) => r.length === 1,
    );
    const header = String(got?.headers['journeylens-signature']);
    expect(verifySignature(rotated.secret, got?.body ?? '', header, Date.now() / 1000)).toBe(true);

    expect(
      (await fx.t.call('cx', `/api/webhooks/${created.id}`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect((await fx.t.call('cx', `/api/webhooks/${created.id}`)).status).toBe(404);
    expect((await fx.t.call('cx', `/api/webhooks/${created.id}/deliveries`)).status).toBe(404);
    expect((await patch({ active: false })).status).toBe(404);
    const audit = await fx.t.context.store.all<{ action: string; actor: string }>(
      sql`SELECT action, actor FROM audit_log WHERE action LIKE 'webhook.%' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'webhook.create',
      'webhook.update',
      'webhook.delete',
    ]);
  });
});

/** The app again on the same folder, as a restarted server (its people are in the store). */
describe('restarts', () => {
  it('keep queued deliveries: they are sent by the next run, with the same key', async () => {
    await boot({ delivery: { backoffBaseMs: 60_000, backoffMaxMs: 60_000 } });
    fx.hooks.answer(() => 503);
    await subscribe(fx.t, { url: fx.hooks.url });
    await ingest(fx.t.context, [{ customer: 'c1', activity: 'pay', ts: '2026-03-01T10:00:00Z' }]);
    const [waiting] = await until(
      () => rows(fx.t.context.store),
      (r) => r[0]?.attempts === 1,
    );
    expect(waiting?.status).toBe('pending');
    await fx.t.close();

    fx.hooks.answer(() => 200);
    // An hour later: the next attempt is due.
    const ctx = await reopen({ delivery: { now: () => Date.now() + 3_600_000 } });
    const [done] = await until(
      () => rows(ctx.store),
      (r) => r[0]?.status === 'delivered',
    );
    expect(done).toMatchObject({ id: waiting?.id, attempts: 2 });
    expect(fx.hooks.received.map((r) => r.headers['idempotency-key'])).toEqual([
      waiting?.id,
      waiting?.id,
    ]);
  });

  it('return an attempt in flight to the queue, uncounted, and send it after', async () => {
    await boot({ delivery: { stopGraceMs: 50 } });
    fx.hooks.answer(() => 'hang');
    await subscribe(fx.t, { url: fx.hooks.url });
    await ingest(fx.t.context, [{ customer: 'c1', activity: 'pay', ts: '2026-03-01T10:00:00Z' }]);
    await until(
      () => fx.hooks.received.length,
      (n) => n === 1,
    );
    await fx.t.close();
    const store = await openStore(fx.dir);
    expect(await rows(store)).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 0 }),
    ]);
    await store.close();

    fx.hooks.answer(() => 200);
    const ctx = await reopen();
    const [done] = await until(
      () => rows(ctx.store),
      (r) => r[0]?.status === 'delivered',
    );
    expect(done?.attempts).toBe(1);
    expect(fx.hooks.received).toHaveLength(2);
  });

  it('requeue what a crash left in flight', async () => {
    await boot({ delivery: { backoffBaseMs: 60_000, backoffMaxMs: 60_000 } });
    await fx.t.close();
    const store = await openStore(fx.dir);
    const { id } = await createWebhook(store, { url: fx.hooks.url }, 'test');
    await store.exec(sql`INSERT INTO webhook_deliveries (id, subscription_id, event_type, event_id,
      payload, status, attempts, next_attempt_ms, created_ms)
      VALUES ('dlv_crashed', ${id}, 'moment.occurred', 'x', '{}', 'delivering', 2, 0, 0)`);
    await store.close();
    const ctx = await reopen();
    await until(
      () => rows(ctx.store),
      (r) => r[0]?.status === 'delivered',
    );
    expect(fx.hooks.received[0]?.headers['idempotency-key']).toBe('dlv_crashed');
  });

  it('continue the evaluation from the store: a rule counts events of the run before', async () => {
    await boot();
    await subscribe(fx.t, { url: fx.hooks.url, moments: ['rule:second-call'] });
    await ingest(fx.t.context, [{ customer: 'c1', activity: 'call', ts: '2026-03-01T10:00:00Z' }]);
    await fx.t.close();
    const ctx = await reopen();
    const [seq] = await ingest(ctx, [
      { customer: 'c1', activity: 'call', ts: '2026-03-10T10:00:00Z' },
    ]);
    await until(
      () => fx.hooks.received.length,
      (n) => n === 1,
    );
    expect((JSON.parse(fx.hooks.received[0]?.body ?? '') as TWebhookEvent).id).toBe(
      `rule:second-call@${seq}`,
    );
  });

  it('catch up on events stored while stopped, firing only recent ones', async () => {
    await boot();
    await subscribe(fx.t, { url: fx.hooks.url });
    await fx.t.close();
    const store = await openStore(fx.dir);
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    await store.exec(sql`INSERT INTO events (seq, import_id, customer_id, ts, activity) VALUES
      (1, 1, 'old', CAST('2020-01-01T00:00:00Z' AS TIMESTAMPTZ), 'pay'),
      (2, 1, 'new', CAST(${recent} AS TIMESTAMPTZ), 'pay')`);
    await store.close();
    await reopen();
    await until(
      () => fx.hooks.received.length,
      (n) => n === 1,
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(
      fx.hooks.received.map((r) => (JSON.parse(r.body) as TWebhookEvent).data.customerId),
    ).toEqual(['new']);
  });
});

/** A DNS that the test can change: name → IPv4 addresses (unknown names do not exist). */
function dns(names: Record<string, string[]>): TResolveHost {
  return (hostname) => {
    const found = names[hostname];
    if (found === undefined) {
      return Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
    }
    return Promise.resolve(found.map((address) => ({ address, family: 4 as const })));
  };
}

type TErrorBody = { error: { code: string; message: string; details: unknown } };

describe('private addresses, refused by default', () => {
  const PRIVATE = { allowPrivateWebhooks: false };
  const post = (app: TTestApp, body: unknown) =>
    app.call('cx', '/api/webhooks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('when subscribing or changing the URL: 400 naming url and why', async () => {
    await boot({ delivery: { resolve: dns({ 'hooks.example.com': ['93.184.215.14'] }) } }, PRIVATE);
    const refused = async (url: string): Promise<string> => {
      const res = await post(fx.t, { url });
      expect(res.status, url).toBe(400);
      const body = (await res.json()) as TErrorBody;
      expect(body.error.code).toBe('invalid');
      expect(body.error.message.startsWith('url: '), body.error.message).toBe(true);
      expect(body.error.details).toEqual([{ path: 'url', message: body.error.message.slice(5) }]);
      return body.error.message;
    };
    const hint =
      'private and internal addresses are refused unless JOURNEYLENS_WEBHOOK_ALLOW_PRIVATE=true';
    expect(await refused(fx.hooks.url)).toBe(
      `url: 127.0.0.1 is in the loopback range 127.0.0.0/8; ${hint}`,
    );
    expect(await refused('http://169.254.169.254/latest/meta-data/')).toBe(
      `url: 169.254.169.254 is in the link-local (cloud metadata) range 169.254.0.0/16; ${hint}`,
    );
    expect(await refused('http://[::ffff:127.0.0.1]:8787/')).toBe(
      `url: ::ffff:7f00:1 is in the loopback range 127.0.0.0/8 (as IPv4-mapped IPv6); ${hint}`,
    );
    expect(await refused('https://192.168.1.10/hook')).toMatch(
      /^url: 192\.168\.1\.10 is in the private \(RFC 1918\)/,
    );
    expect(await refused('https://nowhere.example.com/hook')).toBe(
      'url: cannot resolve nowhere.example.com (ENOTFOUND)',
    );
    // The scheme, as before.
    expect(await refused('ftp://hooks.example.com/x')).toBe(
      'url: must be an http:// or https:// URL',
    );
    expect(
      ((await (await fx.t.call('cx', '/api/webhooks')).json()) as { webhooks: [] }).webhooks,
    ).toEqual([]);

    const hook = await subscribe(fx.t, { url: 'https://hooks.example.com/in' });
    const patch = await fx.t.call('admin', `/api/webhooks/${hook.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://169.254.169.254/latest/meta-data/', active: false }),
    });
    expect(patch.status).toBe(400);
    expect(((await patch.json()) as TErrorBody).error.details).toEqual([
      {
        path: 'url',
        message: `169.254.169.254 is in the link-local (cloud metadata) range 169.254.0.0/16; ${hint}`,
      },
    ]);
    // Nothing of the refused change was made.
    expect(await (await fx.t.call('cx', `/api/webhooks/${hook.id}`)).json()).toMatchObject({
      url: 'https://hooks.example.com/in',
      active: true,
    });
  });

  it('when delivering to a name that has come to resolve to a private address: a dead letter, no request', async () => {
    // Public when subscribed; the receiver's address by the time there is something to send.
    const names = { 'hooks.example.com': ['93.184.215.14'] };
    await boot({ delivery: { resolve: dns(names) } }, PRIVATE);
    const hook = await subscribe(fx.t, {
      url: `http://hooks.example.com:${new URL(fx.hooks.url).port}/in`,
    });
    names['hooks.example.com'] = ['127.0.0.1'];
    await ingest(fx.t.context, [{ customer: 'c1', activity: 'pay', ts: '2026-03-01T10:00:00Z' }]);
    const [dead] = await until(
      () => deliveries(fx.t, hook.id, 'dead'),
      (d) => d.length === 1,
    );
    expect(dead).toMatchObject({
      attempts: 1,
      lastStatus: null,
      lastError:
        'refused: hooks.example.com resolves to 127.0.0.1, in the loopback range 127.0.0.0/8; private and internal addresses are refused unless JOURNEYLENS_WEBHOOK_ALLOW_PRIVATE=true',
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(fx.hooks.received).toEqual([]);
  });

  it('when delivering to localhost, subscribed while allowed, after the setting is turned off', async () => {
    await boot();
    const hook = await subscribe(fx.t, { url: fx.hooks.url.replace('127.0.0.1', 'localhost') });
    await fx.t.close();
    const ctx = await reopen({ config: PRIVATE });
    await ingest(ctx, [{ customer: 'c1', activity: 'pay', ts: '2026-03-01T10:00:00Z' }]);
    // The restarted app has no test callers: read the queue.
    const [dead] = await until(
      () => listDeliveries(ctx.store, { status: 'dead', subscriptionId: hook.id, limit: 10 }),
      (d) => d.length === 1,
    );
    expect(dead?.attempts).toBe(1);
    expect(dead?.lastError).toMatch(
      /^refused: localhost resolves to (127\.0\.0\.1|::1), in the loopback range /,
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(fx.hooks.received).toEqual([]);
  });
});
