/** Exit codes and the error types the CLI maps onto them. */
export const EXIT = { ok: 0, failure: 1, usage: 2, rejected: 3 } as const;

/** Wrong use of a command or bad input that stops the command: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
