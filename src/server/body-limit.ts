/**
 * The size limit on request bodies (413), decided from the Content-Length header when the
 * request has one. hono's own `bodyLimit` first reads `c.req.raw.body`, which makes
 * @hono/node-server build a full WHATWG Request for every request (an AbortController, a
 * ReadableStream, a finalization-registry cell); those objects outlive the young generation,
 * so at 1,000 routing requests a second they filled the old generation and forced pauses of
 * 0.2 s or more every half minute (docs/performance.md, "Routing by contact reason"). With a
 * length, nothing is built and the body is read straight from the socket by `json()`/`text()`;
 * Node's HTTP parser holds the body to the length it declares. A body without a length
 * (chunked) still goes through hono's `bodyLimit`, which counts the bytes as it reads them.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as countingBodyLimit } from 'hono/body-limit';

export function bodyLimit(options: {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler {
  const counting = countingBodyLimit(options);
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (!/^\d+$/.test(length.trim())) return options.onError(c);
      return Number(length) > options.maxSize ? options.onError(c) : next();
    }
    return counting(c, next);
  };
}
