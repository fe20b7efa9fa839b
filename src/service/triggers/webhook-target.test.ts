/**
 * The webhook URL check. DNS is outside the machine, so most cases answer from a table of
 * names; `localhost` goes through the system's real resolver.
 */
import { describe, expect, it } from 'vitest';
import {
  ALLOW_PRIVATE_HINT,
  checkTarget,
  systemResolve,
  type TResolveHost,
  type TResolvedAddress,
} from './webhook-target.js';

const v4 = (address: string): TResolvedAddress => ({ address, family: 4 });
const v6 = (address: string): TResolvedAddress => ({ address, family: 6 });

/** A DNS of a few names; any other name does not exist. */
const dns =
  (names: Record<string, TResolvedAddress[]>): TResolveHost =>
  (hostname) => {
    const found = names[hostname];
    if (found !== undefined) return Promise.resolve(found);
    return Promise.reject(
      Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }),
    );
  };

const NAMES = dns({
  'hooks.example.com': [v4('93.184.215.14'), v6('2606:2800:21f:cb07:6820:80da:af6b:8b2c')],
  'mixed.example.com': [v4('93.184.215.14'), v4('10.0.0.5')],
  'metadata.example.com': [v4('169.254.169.254')],
  'inside.example.com': [v6('fd00::1')],
  'odd.example.com': [v4('not-an-address')],
  'empty.example.com': [],
});
const refusing = { allowPrivate: false, resolve: NAMES };
const allowing = { allowPrivate: true, resolve: NAMES };
/** A resolver that must not be asked (the host is an IP address). */
const noDns: TResolveHost = (hostname) => Promise.reject(new Error(`asked to resolve ${hostname}`));

describe('checkTarget', () => {
  it('accepts a public host, with every address it resolves to, to connect to those only', async () => {
    const checked = await checkTarget('https://hooks.example.com/in?x=1', refusing);
    expect(checked).toEqual({
      ok: true,
      url: new URL('https://hooks.example.com/in?x=1'),
      addresses: [v4('93.184.215.14'), v6('2606:2800:21f:cb07:6820:80da:af6b:8b2c')],
    });
  });

  it('accepts a public IP address without asking the DNS', async () => {
    expect(
      await checkTarget('http://93.184.215.14:8080/', { ...refusing, resolve: noDns }),
    ).toMatchObject({
      ok: true,
      addresses: [v4('93.184.215.14')],
    });
    expect(
      await checkTarget('https://[2606:4700:4700::1111]/', { ...refusing, resolve: noDns }),
    ).toMatchObject({
      ok: true,
      addresses: [v6('2606:4700:4700::1111')],
    });
  });

  it.each([
    ['http://127.0.0.1:8080/hook', '127.0.0.1 is in the loopback range 127.0.0.0/8'],
    [
      'http://169.254.169.254/latest/meta-data/',
      '169.254.169.254 is in the link-local (cloud metadata) range 169.254.0.0/16',
    ],
    ['https://10.1.2.3/', '10.1.2.3 is in the private (RFC 1918) range 10.0.0.0/8'],
    ['http://[::1]:8787/', '::1 is in the loopback range ::1/128'],
    [
      'http://[::ffff:127.0.0.1]/',
      '::ffff:7f00:1 is in the loopback range 127.0.0.0/8 (as IPv4-mapped IPv6)',
    ],
    ['http://[fe80::1]/', 'fe80::1 is in the link-local range fe80::/10'],
    // The URL parser reads these spellings of 127.0.0.1 as that address.
    ['http://2130706433/', '127.0.0.1 is in the loopback range 127.0.0.0/8'],
    ['http://0x7f.1/', '127.0.0.1 is in the loopback range 127.0.0.0/8'],
    ['http://0177.0.0.1/', '127.0.0.1 is in the loopback range 127.0.0.0/8'],
    ['http://0.0.0.0:8787/', '0.0.0.0 is in the unspecified ("this network") range 0.0.0.0/8'],
  ])('refuses the private IP address in %s', async (url, reason) => {
    expect(await checkTarget(url, { ...refusing, resolve: noDns })).toEqual({
      ok: false,
      lasting: true,
      reason: `${reason}; ${ALLOW_PRIVATE_HINT}`,
    });
  });

  it.each([
    [
      'https://metadata.example.com/',
      'metadata.example.com resolves to 169.254.169.254, in the link-local (cloud metadata) range 169.254.0.0/16',
    ],
    [
      'https://inside.example.com/',
      'inside.example.com resolves to fd00::1, in the unique-local range fc00::/7',
    ],
    // One private address among public ones is enough: the connection could use any of them.
    [
      'https://mixed.example.com/',
      'mixed.example.com resolves to 10.0.0.5, in the private (RFC 1918) range 10.0.0.0/8',
    ],
  ])('refuses %s, a name that resolves to a private address', async (url, reason) => {
    expect(await checkTarget(url, refusing)).toEqual({
      ok: false,
      lasting: true,
      reason: `${reason}; ${ALLOW_PRIVATE_HINT}`,
    });
  });

  it('refuses localhost through the real resolver', async () => {
    const checked = await checkTarget('http://localhost:8787/hook', {
      allowPrivate: false,
      resolve: systemResolve,
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.reason).toMatch(
      /^localhost resolves to (127\.0\.0\.1|::1), in the loopback range /,
    );
    expect(checked.lasting).toBe(true);
  });

  it('allows private addresses when told to, still connecting only to what it resolved', async () => {
    expect(
      await checkTarget('http://127.0.0.1:9000/', { ...allowing, resolve: noDns }),
    ).toMatchObject({
      ok: true,
      addresses: [v4('127.0.0.1')],
    });
    expect(await checkTarget('https://mixed.example.com/', allowing)).toMatchObject({
      ok: true,
      addresses: [v4('93.184.215.14'), v4('10.0.0.5')],
    });
  });

  it('refuses other schemes and what is not a URL, whatever the setting', async () => {
    for (const url of [
      'ftp://hooks.example.com/',
      'file:///etc/passwd',
      'gopher://127.0.0.1/',
      'hooks.example.com/in',
    ]) {
      expect(await checkTarget(url, allowing), url).toEqual({
        ok: false,
        lasting: true,
        reason: 'must be an http:// or https:// URL',
      });
    }
  });

  it('says when a name does not resolve, as something that may pass later', async () => {
    expect(await checkTarget('https://nowhere.example.com/', refusing)).toEqual({
      ok: false,
      lasting: false,
      reason: 'cannot resolve nowhere.example.com (ENOTFOUND)',
    });
    expect(await checkTarget('https://empty.example.com/', allowing)).toEqual({
      ok: false,
      lasting: false,
      reason: 'cannot resolve empty.example.com (no address)',
    });
  });

  it('refuses an answer that is not an IP address rather than pass it on', async () => {
    expect(await checkTarget('https://odd.example.com/', refusing)).toEqual({
      ok: false,
      lasting: true,
      reason: 'odd.example.com resolves to not-an-address, which is not an IP address',
    });
  });
});
