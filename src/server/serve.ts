/**
 * Starts the API on a workspace folder: opens its store (app-state tables included), one
 * exclusive session for writes and a forked one for long reads, and listens. `close()` stops
 * accepting connections, lets the requests in flight finish (their writes included), then
 * closes the store: a graceful shutdown.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import { ensureAppSchema } from '../service/auth/accounts.js';
import { openStore } from '../service/workspace-store.js';
import { exclusive } from '../store/exclusive.js';
import { IngestBus } from './ingest-bus.js';
import { createApp, type TRouteModule } from './app.js';
import { DEFAULT_SERVER_CONFIG, type TServerConfig, type TServerContext } from './context.js';
import { errorBody } from './errors.js';
import { ListenError } from './listen-error.js';
import type { TLogger } from './log.js';

export { ListenError } from './listen-error.js';

export type TServerOptions = {
  workspaceDir: string;
  port: number;
  host?: string;
  config?: Partial<TServerConfig>;
  log: TLogger;
  modules?: readonly TRouteModule[];
};

export type TRunningServer = {
  url: string;
  context: TServerContext;
  /** Stops accepting, waits for the requests in flight, closes the store. */
  close(): Promise<void>;
};

export async function startServer(options: TServerOptions): Promise<TRunningServer> {
  const base = await openStore(options.workspaceDir);
  await ensureAppSchema(base);
  const reader = await base.fork();
  const context: TServerContext = {
    workspaceDir: options.workspaceDir,
    store: exclusive(base),
    reader,
    config: { ...DEFAULT_SERVER_CONFIG, ...options.config },
    log: options.log,
    ingested: new IngestBus(options.log),
  };
  const app = createApp(context, options.modules);
  // The modules start once the port is ours: a server that cannot listen starts no work
  // (an analysis warming up on a large store would keep the process alive long after the
  // error). Requests that arrive meanwhile wait for the start.
  let markStarted: (ok: boolean) => void = () => undefined;
  const started = new Promise<boolean>((resolve) => (markStarted = resolve));
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve(
      {
        fetch: async (request: Request) => {
          inFlight++;
          try {
            if (!(await started)) {
              return Response.json(errorBody('unavailable', 'the server failed to start'), {
                status: 503,
              });
            }
            return await app.fetch(request);
          } finally {
            inFlight--;
            if (inFlight === 0) drained?.();
          }
        },
        port: options.port,
        hostname: options.host ?? '127.0.0.1',
      },
      () => resolve(s),
    );
    s.once('error', (e: NodeJS.ErrnoException) => {
      markStarted(false);
      void (async () => {
        await reader.close();
        await context.store.close();
      })();
      reject(
        e.code === 'EADDRINUSE'
          ? new ListenError(
              `port ${options.port} is already in use: stop what uses it, or choose another port (--port, or 0 for any free one)`,
            )
          : e,
      );
    });
  });
  try {
    await app.lifecycle.start();
    markStarted(true);
  } catch (e) {
    markStarted(false);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.lifecycle.stop();
    await reader.close();
    await context.store.close();
    throw e;
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  options.log.log('info', 'listening', { url, workspace: options.workspaceDir });
  let closing: Promise<void> | undefined;
  return {
    url,
    context,
    close: () =>
      (closing ??= (async () => {
        options.log.log('info', 'shutting down', { inFlight });
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as Server).closeIdleConnections();
          // Event streams never end on their own: their connections would never close.
          app.lifecycle.closing();
        });
        if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
        await app.lifecycle.stop();
        await reader.close();
        await context.store.close();
        options.log.log('info', 'stopped');
      })()),
  };
}
