/** An import that cannot start: the message names the file, option or column, and the reason. */
export class ImportError extends Error {
  override name = 'ImportError';
}
