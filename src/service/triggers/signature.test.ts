/** Webhook signatures and the backoff between attempts. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backoffMs } from './delivery-worker.js';
import { signatureHeader, verifySignature } from './signature.js';

describe('signatures', () => {
  const secret = 'whsec_test-secret-of-some-length';
  const body = '{"id":"rule:x@1","type":"moment.occurred"}';

  it('are the hex HMAC-SHA256 of "t.body" with the secret', () => {
    const expected = createHmac('sha256', secret).update(`1767225600.${body}`).digest('hex');
    expect(signatureHeader(secret, body, 1767225600)).toBe(`t=1767225600,v1=${expected}`);
  });

  it('verify only with the same secret, body and a recent time', () => {
    const header = signatureHeader(secret, body, 1000);
    expect(verifySignature(secret, body, header, 1100)).toBe(true);
    expect(verifySignature(`${secret}x`, body, header, 1100)).toBe(false);
    expect(verifySignature(secret, `${body} `, header, 1100)).toBe(false);
    expect(verifySignature(secret, body, header, 1000 + 301)).toBe(false);
    expect(verifySignature(secret, body, header.replace('t=1000', 't=1001'), 1100)).toBe(false);
    expect(verifySignature(secret, body, 'v1=abc', 1100)).toBe(false);
    // Several v1 values (a secret being rolled over): one match is enough.
    const other = signatureHeader('whsec_older-secret-xxxxxxxx', body, 1000).split(',')[1];
    expect(verifySignature(secret, body, `${header},${other}`, 1100)).toBe(true);
  });
});

describe('backoff', () => {
  const options = { backoffBaseMs: 1000, backoffMaxMs: 10_000 };

  it('doubles per attempt up to the maximum, with half of it random', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffMs(a, options, () => 0))).toEqual([
      500, 1000, 2000, 4000, 5000, 5000,
    ]);
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffMs(a, options, () => 0.999999))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });
});
