/** The one shape of every error answer: `{ error: { code, message, details? } }`. */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { jsonResponse } from './openapi-content.js';

export const ZError = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'forbidden' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export function fail<S extends ContentfulStatusCode>(
  c: Context,
  status: S,
  code: string,
  message: string,
  details?: unknown,
) {
  return c.json(errorBody(code, message, details), status);
}

/** The error answers every protected route may give, for its OpenAPI description. */
export const COMMON_ERRORS = {
  400: { description: 'invalid request', content: { 'application/json': { schema: ZError } } },
  401: { description: 'not signed in', content: { 'application/json': { schema: ZError } } },
  403: { description: 'not allowed', content: { 'application/json': { schema: ZError } } },
} as const;

/** An error answer of a route, for its OpenAPI description. */
export const errorResponse = (description: string) => jsonResponse(ZError, description);

/**
 * What to answer for a request the route engine refused before the handler ran: a body sent
 * as something other than JSON (415) or JSON that does not parse (400).
 */
export function refusalOf(
  error: { status: number; message: string },
  contentType: string | undefined,
): { code: string; message: string } {
  if (error.status === 415) {
    const sent = contentType === undefined ? 'without a Content-Type' : `as ${contentType}`;
    return {
      code: 'unsupported_media_type',
      message: `send the body as JSON with the header Content-Type: application/json (it came ${sent})`,
    };
  }
  if (error.status === 400 && /malformed json/i.test(error.message)) {
    return { code: 'invalid', message: 'body: not valid JSON' };
  }
  return {
    code: error.status === 400 ? 'invalid' : `http_${error.status}`,
    message: error.message,
  };
}

/** The answer of a route that reads JSON to a body sent as something else. */
export const UNSUPPORTED_JSON = errorResponse(
  'unsupported_media_type: the body was not sent with Content-Type: application/json',
);
