/**
 * Serves the web app (built by `vite build` into dist/web) at every path outside /api: files
 * by their name, and index.html for the app's own addresses, so a bookmarked screen opens.
 * Hashed assets are cached for a year; index.html never, so a new release is picked up at
 * once. Never serves a file outside the build folder.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TRouteModule } from './app.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * The app's pages may load only what the server sends: no third-party scripts, no framing.
 * Inline styles are allowed because charts position their labels with style attributes.
 */
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

/** The folder with the built app: dist/web at the package's root, found from this file. */
export function webAppDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return join(dir, 'dist', 'web');
}

/** The route module serving the app from `root` (dist/web by default). */
export const webAppModule =
  (root: string = webAppDir()): TRouteModule =>
  (app) => {
    const base = resolve(root);
    app.use('*', async (c, next) => {
      const path = c.req.path;
      if (path === '/api' || path.startsWith('/api/')) return next();
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
      let relative: string;
      try {
        relative = normalize(decodeURIComponent(path)).replace(/^[/\\]+/, '');
      } catch {
        return c.text('bad path', 400);
      }
      const file = resolve(base, relative);
      const inside = file === base || file.startsWith(base + sep);
      const isFile =
        inside && relative !== '' && (await stat(file).catch(() => undefined))?.isFile() === true;
      if (isFile) {
        const immutable = relative.startsWith(`assets${sep}`) || relative.startsWith('assets/');
        return c.body(await readFile(file), 200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          ...SECURITY_HEADERS,
        });
      }
      // A file name that is not there is a 404; any other path is one of the app's screens.
      if (extname(relative) !== '') return c.text(`no file ${path}`, 404);
      const index = await readFile(join(base, 'index.html'), 'utf8').catch(() => undefined);
      if (index === undefined) {
        return c.text(
          'The web app is not built: run `npm run build` (it writes dist/web), then restart the server. The API works without it: /api/docs.',
          503,
        );
      }
      return c.html(index, 200, { 'Cache-Control': 'no-cache', ...SECURITY_HEADERS });
    });
  };
