/**
 * A counter by key that prints its keys sorted, so ground-truth.json reads the same on every
 * run and diffs cleanly.
 */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  keys(): string[] {
    return [...this.counts.keys()].sort();
  }

  toObject(): Record<string, number> {
    return Object.fromEntries(this.keys().map((k) => [k, this.get(k)]));
  }
}
