/**
 * The server could not listen (the port is taken): a problem for the operator, not a bug.
 * Its own module, so the CLI can recognise it without loading the server.
 */
export class ListenError extends Error {
  override name = 'ListenError';
}
