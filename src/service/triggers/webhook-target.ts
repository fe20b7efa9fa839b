/**
 * Where a webhook may go: an http:// or https:// URL whose host is, or resolves only to,
 * public addresses — unless private ones are allowed (an on-premise install). Checked when a
 * subscription is created or changed, and again before every attempt, because what a name
 * resolves to can change in between (DNS rebinding); the attempt then connects to the
 * addresses checked here, never to those of a second lookup.
 *
 * It must never let a refused address through to a connection: a host that is not an IP
 * address and does not resolve is not "probably fine", it is not checked.
 */
import { lookup } from 'node:dns/promises';
import { describeRange, parseIp, privateRange } from './webhook-address.js';

export type TResolvedAddress = { address: string; family: 4 | 6 };

/** A host name's addresses (throws when it has none): node:dns, or a test's own DNS. */
export type TResolveHost = (hostname: string) => Promise<TResolvedAddress[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), every address it knows. */
export const systemResolve: TResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export type TTargetPolicy = {
  /** Private and internal addresses too (loopback, RFC 1918, link-local, ...). */
  allowPrivate: boolean;
  resolve: TResolveHost;
};

export type TTargetCheck =
  | { ok: true; url: URL; addresses: TResolvedAddress[] }
  /** `lasting`: the URL itself is refused (a retry cannot help), not just its lookup failed. */
  | { ok: false; reason: string; lasting: boolean };

/** What an operator can do about a refused private address; the setting is src/config.ts's. */
export const ALLOW_PRIVATE_HINT =
  'private and internal addresses are refused unless JOURNEYLENS_WEBHOOK_ALLOW_PRIVATE=true';

/** Checks a webhook URL and resolves its host to the addresses an attempt may connect to. */
export async function checkTarget(text: string, policy: TTargetPolicy): Promise<TTargetCheck> {
  const refuse = (reason: string, lasting = true): TTargetCheck => ({ ok: false, reason, lasting });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('must be an http:// or https:// URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse('must be an http:// or https:// URL');
  }
  const literal = parseIp(url.hostname);
  if (literal !== undefined) {
    const address = url.hostname.replace(/^\[|\]$/g, '');
    const inside = privateRange(literal);
    if (inside !== undefined && !policy.allowPrivate) {
      return refuse(`${address} is in ${describeRange(inside)}; ${ALLOW_PRIVATE_HINT}`);
    }
    return { ok: true, url, addresses: [{ address, family: literal.family }] };
  }
  let addresses: TResolvedAddress[];
  try {
    addresses = await policy.resolve(url.hostname);
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    return refuse(`cannot resolve ${url.hostname} (${error.code ?? error.message})`, false);
  }
  if (addresses.length === 0) return refuse(`cannot resolve ${url.hostname} (no address)`, false);
  for (const { address } of addresses) {
    const ip = parseIp(address);
    if (ip === undefined) {
      return refuse(`${url.hostname} resolves to ${address}, which is not an IP address`);
    }
    const inside = privateRange(ip);
    if (inside !== undefined && !policy.allowPrivate) {
      return refuse(
        `${url.hostname} resolves to ${address}, in ${describeRange(inside)}; ${ALLOW_PRIVATE_HINT}`,
      );
    }
  }
  return { ok: true, url, addresses };
}
