/**
 * What every route handler can reach: the workspace folder and its store (one exclusive
 * session for writes and app state, a forked one for long reads), the server's configuration,
 * a structured logger, and, per request, the principal and a request id.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { TPrincipal } from '../service/auth/roles.js';
import type { TStore } from '../store/store.js';
import type { IngestBus } from './ingest-bus.js';
import type { TLogger } from './log.js';

export type TServerConfig = {
  /** Largest request body accepted, in bytes (larger: 413). */
  maxBodyBytes: number;
  /** Cookies carry `Secure` (set when the server is reached over HTTPS). */
  secureCookies: boolean;
  /** Failed logins per e-mail and address before a pause, and the pause. */
  loginAttempts: number;
  loginWindowMs: number;
  /** The Chromium that prints the PDF report (absent: the PDF answers 503 and says so). */
  chromiumPath: string;
  /**
   * Compute the analysis when the server starts and again after the data or the model settle
   * (`journeylens serve` does), so the screens answer from the cache instead of waiting.
   */
  warmAnalysis: boolean;
  /**
   * Webhooks may go to private and internal addresses (on-premise receivers); otherwise such a
   * URL is refused when subscribed and such an address when delivering.
   */
  allowPrivateWebhooks: boolean;
};

export const DEFAULT_SERVER_CONFIG: TServerConfig = {
  maxBodyBytes: 32 * 1024 * 1024,
  secureCookies: false,
  loginAttempts: 5,
  loginWindowMs: 15 * 60_000,
  chromiumPath: '/usr/bin/chromium',
  warmAnalysis: false,
  allowPrivateWebhooks: false,
};

export type TServerContext = {
  workspaceDir: string;
  /** Writes and app state: one call at a time (src/store/exclusive.ts). */
  store: TStore;
  /** Long reads (the analysis) on their own session, so ingest is not held up. */
  reader: TStore;
  config: TServerConfig;
  log: TLogger;
  /** Committed ingest batches, for the live parts (routing context, triggers, streams). */
  ingested: IngestBus;
};

export type TAppEnv = {
  Variables: {
    ctx: TServerContext;
    requestId: string;
    /** Undefined for an anonymous request. */
    principal: TPrincipal | undefined;
    /**
     * True: the request's log line leaves out who asked. Brainstorm entry writes set it, so
     * that no log pairs a person with the entry (id, time) they wrote.
     */
    withholdPrincipal: boolean | undefined;
  };
};

export type TApp = OpenAPIHono<TAppEnv>;
