/**
 * Process map layouts, made on the server: ELK's layered layout of a 60-activity map takes
 * 2 s the first time a JavaScript engine runs it (the compiled layout code is large) and a
 * fraction of that once warm, so the server runs one ELK, kept warm, in a worker thread —
 * never on the thread that answers requests — and keeps the last layouts it made, since many
 * people open the same map. Asked twice at once for the same input, it lays out once.
 *
 * Must never block the event loop or grow without bound: the cache is an LRU of
 * `cacheEntries` layouts; the worker is restarted when it fails.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import {
  layoutGraph,
  type TLayout,
  type TLayoutEngine,
  type TLayoutInput,
} from '../analysis/process-layout.js';

const ELK_BUNDLE = createRequire(import.meta.url).resolve('elkjs/lib/elk.bundled.js');

/** The worker: the bundled ELK (its own fake worker inside), one layout per message. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const ELK = require(${JSON.stringify(ELK_BUNDLE)});
const elk = new ELK();
parentPort.on('message', ({ id, graph }) => {
  elk.layout(graph).then(
    (out) => parentPort.postMessage({ id, out }),
    (e) => parentPort.postMessage({ id, error: String((e && e.message) || e) }),
  );
});
`;

type TReply = { id: number; out?: ElkNode; error?: string };

/** ELK in a worker thread, made on first use and made again after a failure. */
class ElkThread implements TLayoutEngine {
  private worker: Worker | undefined;
  private next = 0;
  private readonly pending = new Map<
    number,
    { resolve: (out: ElkNode) => void; reject: (e: Error) => void }
  >();

  layout(graph: ElkNode): Promise<ElkNode> {
    const worker = this.running();
    const id = this.next++;
    return new Promise<ElkNode>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, graph });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) await worker.terminate();
  }

  private running(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', (reply: TReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.out !== undefined) waiting?.resolve(reply.out);
      else waiting?.reject(new Error(reply.error ?? 'the layout failed'));
    });
    const fail = (e: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const w of this.pending.values()) w.reject(e);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the layout worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

export type TProcessLayoutsOptions = { cacheEntries: number };

export class ProcessLayouts {
  private readonly engine = new ElkThread();
  private readonly cache = new Map<string, Promise<TLayout>>();

  constructor(private readonly options: TProcessLayoutsOptions = { cacheEntries: 64 }) {}

  /** The layout of `input`: from the cache when it was made before. */
  layout(input: TLayoutInput): Promise<TLayout> {
    const key = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      // Most recently used last.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const made = layoutGraph(this.engine, input);
    this.cache.set(key, made);
    made.catch(() => this.cache.delete(key));
    while (this.cache.size > this.options.cacheEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return made;
  }

  /** Runs ELK once on a map of the size people open, so the first real one is quick. */
  async warm(): Promise<void> {
    await layoutGraph(this.engine, warmUpInput());
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}

/** A map of 60 activities on a main path, with detours, loops and labelled lines. */
function warmUpInput(): TLayoutInput {
  const n = 60;
  const node = (i: number) => `w${i}`;
  const nodes = Array.from({ length: n }, (_, i) => ({ id: node(i), width: 160, height: 44 }));
  const edges: TLayoutInput['edges'] = [];
  const add = (a: number, b: number) =>
    edges.push({
      id: `e${edges.length}`,
      source: node(a),
      target: node(b),
      label: { width: 36, height: 14 },
    });
  for (let i = 0; i + 1 < n; i++) add(i, i + 1);
  for (let i = 0; i + 2 < n; i += 2) add(i, i + 2);
  for (let i = 5; i < n; i += 4) add(i, i - 1);
  for (let i = 0; i + 9 < n; i += 7) add(i, i + 9);
  return { nodes, edges };
}
