/**
 * How a routing rule treats a contact (`routing[].treatment` in journeylens.yaml), from the
 * cheapest channel to the most personal one. Free of zod, so the web app's model editor reads
 * the same list as the schema that validates it.
 */
export const TREATMENTS = [
  'self-service',
  'chat',
  'message',
  'callback',
  'human',
  'human-specialist',
  'human-priority',
] as const;
