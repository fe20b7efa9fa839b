/**
 * The one place that reads the process environment. Everything else receives configuration
 * as arguments, so the layers stay testable and the pure ones stay pure.
 */
import { z } from 'zod';

const ZEnv = z.object({
  CI: z.string().optional(),
  NO_COLOR: z.string().optional(),
  JOURNEYLENS_THREADS: z.coerce.number().int().positive().optional(),
  JOURNEYLENS_MEMORY_LIMIT: z.string().optional(),
});

export type TConfig = {
  /** True on a CI runner: tests that need data or services fail instead of skipping. */
  ci: boolean;
  /** Colours and progress bars only on a terminal and when NO_COLOR is unset. */
  color: boolean;
  /** DuckDB worker threads; default: all cores. */
  threads: number | undefined;
  /** DuckDB memory limit, e.g. "3GB"; default: DuckDB's own (80% of RAM). */
  memoryLimit: string | undefined;
};

export function readConfig(env: Record<string, string | undefined> = process.env): TConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`environment: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    ci: e.CI !== undefined && e.CI !== '' && e.CI !== 'false' && e.CI !== '0',
    color: e.NO_COLOR === undefined,
    threads: e.JOURNEYLENS_THREADS,
    memoryLimit: e.JOURNEYLENS_MEMORY_LIMIT,
  };
}
