/**
 * Lists answered a page at a time: `?offset=0&limit=50`, with the total beside the items so a
 * client knows how many pages there are. A limit over the maximum is refused (400), never
 * silently cut, so a client that asks for everything learns that it did not get it.
 */
import { z } from '@hono/zod-openapi';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** The query parameters of a paginated list. */
export const ZPageQuery = {
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .openapi({ description: 'items to skip', example: 0 }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT, { error: `at most ${MAX_LIMIT} items per page` })
    .default(DEFAULT_LIMIT)
    .openapi({ description: `items per page (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})` }),
};

/** The fields every page answers with, besides its items. */
export const ZPageFields = {
  total: z.number().int().openapi({ description: 'items in the whole list' }),
  offset: z.number().int(),
  limit: z.number().int(),
};

/** One page of an in-memory list. */
export function page<T>(
  items: readonly T[],
  q: { offset: number; limit: number },
): { total: number; offset: number; limit: number; items: T[] } {
  return {
    total: items.length,
    offset: q.offset,
    limit: q.limit,
    items: items.slice(q.offset, q.offset + q.limit),
  };
}
