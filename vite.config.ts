/**
 * The web app (src/web) built into dist/web, which `journeylens serve` serves. In
 * development, `npx vite` serves it with the API proxied to a running `journeylens serve`.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // One self-contained bundle per screen is not worth it at this size; keep chunks readable.
    chunkSizeWarningLimit: 2048,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
});
