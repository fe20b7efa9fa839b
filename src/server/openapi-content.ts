/**
 * The JSON parts of a route's OpenAPI description: an answer (`jsonResponse`) and a required
 * request body (`jsonBody`), each from its zod schema, as every route file declares them.
 */
import type { z } from '@hono/zod-openapi';

/** An answer of a route with a JSON body of `schema`. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body of `schema`. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
