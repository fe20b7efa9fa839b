/**
 * Structured logs: one JSON object per line (time, level, message, fields), to standard error
 * by default, so a log shipper can read them as they are.
 */
export type TLogLevel = 'debug' | 'info' | 'warn' | 'error';

export type TLogger = {
  log(level: TLogLevel, message: string, fields?: Record<string, unknown>): void;
};

export function jsonLogger(
  write: (line: string) => void = (line) => process.stderr.write(line),
  minimum: TLogLevel = 'info',
): TLogger {
  const order: TLogLevel[] = ['debug', 'info', 'warn', 'error'];
  return {
    log(level, message, fields = {}) {
      if (order.indexOf(level) < order.indexOf(minimum)) return;
      write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n');
    },
  };
}

/** A logger that keeps lines in memory, for tests. */
export function memoryLogger(): TLogger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    log(level, message, fields = {}) {
      lines.push({ level, message, ...fields });
    },
  };
}
