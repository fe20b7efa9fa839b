/**
 * Seeded pseudo-random numbers for the demo company. sfc32 (Chris Doty-Humphrey's small fast
 * chaotic generator) seeded through splitmix32, so every customer gets its own independent
 * stream from (seed, customer index). Must never touch Math.random: the demo is byte-for-byte
 * reproducible from its seed.
 */

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Cumulative weights built once, so a weighted pick is one draw and a short scan. */
export type TWeighted<T> = { readonly items: readonly T[]; readonly cumulative: readonly number[] };

/** @example weighted([['web', 3], ['app', 1]]) */
export function weighted<T>(pairs: readonly (readonly [T, number])[]): TWeighted<T> {
  const items: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, weight] of pairs) {
    if (weight <= 0) continue;
    total += weight;
    items.push(item);
    cumulative.push(total);
  }
  if (items.length === 0) throw new Error('weighted: no positive weight');
  return { items, cumulative: cumulative.map((c) => c / total) };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** One stream per (seed, stream) pair; streams with different numbers are independent. */
  constructor(seed: number, stream = 0) {
    const mix = splitmix32((seed ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick: empty list');
    return item;
  }

  pickWeighted<T>(w: TWeighted<T>): T {
    const u = this.next();
    const { cumulative, items } = w;
    for (let i = 0; i < cumulative.length; i++) {
      if (u < (cumulative[i] ?? 1)) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** Standard normal by Box–Muller (one value per call keeps the stream simple). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-scale spread. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Poisson by Knuth's product method (small lambdas only, as used here). */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}
