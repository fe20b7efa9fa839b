/**
 * ELK in a web worker: the layered layout of a large map takes a moment, and the page stays
 * responsive meanwhile. One worker for the app, made on first use.
 */
import ELK from 'elkjs/lib/elk-api.js';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { TLayoutEngine } from './layout.js';

let engine: TLayoutEngine | undefined;

export function elkEngine(): TLayoutEngine {
  engine ??= new ELK({ workerUrl });
  return engine;
}
