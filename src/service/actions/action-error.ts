/** Why an action request cannot be done; the routes turn the code into an HTTP status. */
export type TActionErrorCode = 'invalid' | 'not_found' | 'conflict' | 'not_ready';

export class ActionError extends Error {
  override name = 'ActionError';
  constructor(
    readonly code: TActionErrorCode,
    message: string,
  ) {
    super(message);
  }
}
