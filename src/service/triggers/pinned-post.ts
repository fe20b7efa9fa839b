/**
 * One webhook POST that connects only to addresses given in advance — those webhook-target.ts
 * checked — instead of resolving the host again (which could answer differently: DNS
 * rebinding). The host name still goes in the Host header and, over https, in SNI and the
 * certificate check. node:http(s) rather than fetch: fetch has no way to choose the address
 * without the undici package.
 *
 * Each attempt has a connection of its own (no pooled socket from an earlier check), follows
 * no redirect, and reads at most the first characters of an answer's body.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { TResolvedAddress } from './webhook-target.js';

export type TPostAnswer = {
  status: number;
  headers: IncomingHttpHeaders;
  /** The start of the body of an answer other than 2xx ('' for 2xx, whose body is not read). */
  text: string;
};

/** Enough of an error answer's body to say what went wrong. */
const MAX_TEXT = 1000;

/** Answers every lookup of the host with the given addresses, nothing else. */
export function pinnedLookup(addresses: readonly TResolvedAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const wanted =
      options.family === 4 || options.family === 6
        ? addresses.filter((a) => a.family === options.family)
        : addresses;
    const [first] = wanted;
    if (first === undefined) {
      const error: NodeJS.ErrnoException = new Error(
        `no checked IPv${String(options.family)} address for ${hostname}`,
      );
      error.code = 'ENOTFOUND';
      callback(error, '');
    } else if (options.all === true) {
      callback(
        null,
        wanted.map((a) => ({ address: a.address, family: a.family })),
      );
    } else {
      callback(null, first.address, first.family);
    }
  };
}

/** POSTs `body` to `url`, connected to one of `addresses`; rejects on a network error or abort. */
export function postPinned(
  url: URL,
  addresses: readonly TResolvedAddress[],
  init: { headers: Record<string, string>; body: string; signal: AbortSignal },
): Promise<TPostAnswer> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
        agent: false,
        lookup: pinnedLookup(addresses),
        signal: init.signal,
      },
      (response) => {
        answered = true;
        const status = response.statusCode ?? 0;
        const answer = (text: string) => resolve({ status, headers: response.headers, text });
        if (status >= 200 && status < 300) {
          response.destroy();
          answer('');
          return;
        }
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
          if (text.length >= MAX_TEXT) response.destroy();
        });
        // The status is the answer; a body cut short (aborted, reset) only says less.
        response.on('close', () => answer(text));
        response.on('error', () => answer(text));
      },
    );
    // Once the status is in, an error (a timeout while the body comes) only cuts the body short.
    request.on('error', (e) => {
      if (!answered) reject(e);
    });
    request.end(init.body);
  });
}
