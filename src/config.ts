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
  JOURNEYLENS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  JOURNEYLENS_HOST: z.string().min(1).optional(),
  JOURNEYLENS_SECURE_COOKIES: z.enum(['true', 'false', '1', '0']).optional(),
  JOURNEYLENS_MAX_BODY_MB: z.coerce.number().positive().optional(),
  JOURNEYLENS_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  JOURNEYLENS_CHROMIUM: z.string().min(1).optional(),
  JOURNEYLENS_WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false', '1', '0']).optional(),
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
  /** `journeylens serve`: port (default 8787) and address (default 127.0.0.1). */
  port: number;
  host: string;
  /** Cookies marked Secure: set when users reach the server over HTTPS. */
  secureCookies: boolean;
  /** Largest request body, in megabytes. */
  maxBodyMb: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** The Chromium that prints the PDF report; default Debian's /usr/bin/chromium. */
  chromiumPath: string;
  /**
   * Webhooks may go to private and internal addresses (loopback, RFC 1918, link-local and the
   * cloud metadata service, ...): for receivers on the same network as an on-premise install.
   * Default false, so that a webhook cannot reach into the server's own network.
   */
  allowPrivateWebhooks: boolean;
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
    port: e.JOURNEYLENS_PORT ?? 8787,
    host: e.JOURNEYLENS_HOST ?? '127.0.0.1',
    secureCookies: e.JOURNEYLENS_SECURE_COOKIES === 'true' || e.JOURNEYLENS_SECURE_COOKIES === '1',
    maxBodyMb: e.JOURNEYLENS_MAX_BODY_MB ?? 32,
    logLevel: e.JOURNEYLENS_LOG_LEVEL ?? 'info',
    chromiumPath: e.JOURNEYLENS_CHROMIUM ?? '/usr/bin/chromium',
    allowPrivateWebhooks:
      e.JOURNEYLENS_WEBHOOK_ALLOW_PRIVATE === 'true' || e.JOURNEYLENS_WEBHOOK_ALLOW_PRIVATE === '1',
  };
}
