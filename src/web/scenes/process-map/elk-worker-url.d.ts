/** Vite's `?url` import: the worker script's address in the built app (process-map-elk.ts). */
declare module 'elkjs/lib/elk-worker.min.js?url' {
  const url: string;
  export default url;
}
