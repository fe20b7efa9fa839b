/** `journeylens serve`: the HTTP API and the web app on a workspace folder. */
import { Option, type Command } from 'commander';
import { readConfig } from '../config.js';
import { loadWorkspaceDir } from '../service/workspace-files.js';
import { UsageError } from './errors.js';

type TFlags = { workspace?: string; data?: string; port?: string; host?: string };

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the web app and the HTTP API on a workspace (OpenAPI at /api/openapi.json, readable at /api/docs)',
    )
    .option('-w, --workspace <dir>', 'workspace folder (journeylens.yaml and its store)', '.')
    // The first name of the option, kept so existing scripts keep working.
    .addOption(new Option('-d, --data <dir>').hideHelp())
    .option('-p, --port <n>', 'port (default 8787, or JOURNEYLENS_PORT; 0 picks a free one)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1, or JOURNEYLENS_HOST)')
    .addHelpText(
      'after',
      `
Before the first start, create an administrator:
  journeylens user add -w DIR --email admin@example.com --role admin --password-stdin
Machines (CRM, IVR, web) use API tokens:
  journeylens token add -w DIR --name crm --scopes ingest,route

Stops gracefully on SIGINT or SIGTERM: requests in flight finish first.`,
    )
    .action(async (flags: TFlags) => {
      const config = readConfig();
      const port = flags.port === undefined ? config.port : Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port ${flags.port}: expected a port number from 0 to 65535`);
      }
      const workspaceDir = flags.data ?? flags.workspace ?? '.';
      await loadWorkspaceDir(workspaceDir);
      await serveUntilStopped({ workspaceDir, port, host: flags.host ?? config.host }, (url) =>
        process.stdout.write(`Journeylens on ${url} (API docs: ${url}/api/docs)\n`),
      );
    });
}

/**
 * Runs the server (API and web app) on a workspace until SIGINT or SIGTERM, then stops it
 * gracefully. `announce` gets the address once it listens.
 */
export async function serveUntilStopped(
  where: { workspaceDir: string; port: number; host: string },
  announce: (url: string) => void,
): Promise<void> {
  const config = readConfig();
  // Loaded here, not at the top: the routes take most of a second to load, which every other
  // command (and `--help`) would pay.
  const [{ jsonLogger }, { serverModules }, { startServer }] = await Promise.all([
    import('../server/log.js'),
    import('../server/modules.js'),
    import('../server/serve.js'),
  ]);
  const server = await startServer({
    ...where,
    config: {
      secureCookies: config.secureCookies,
      maxBodyBytes: config.maxBodyMb * 1024 * 1024,
      chromiumPath: config.chromiumPath,
      warmAnalysis: true,
      allowPrivateWebhooks: config.allowPrivateWebhooks,
    },
    log: jsonLogger(undefined, config.logLevel),
    modules: serverModules(),
  });
  announce(server.url);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
