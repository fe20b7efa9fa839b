/**
 * Each known customer's segment, without a JavaScript object per customer: customers are
 * numbered by a StringIndex and their segment is a small number in a typed array (0: in no
 * segment, s + 1: the s-th segment of the workspace). See string-index.ts for why.
 */
import { grown, StringIndex } from './string-index.js';

export class SegmentTable {
  private readonly customers = new StringIndex();
  private segments = new Uint16Array(1024);

  constructor(readonly segmentIds: readonly string[]) {
    if (segmentIds.length >= 0xffff) {
      throw new Error(`at most ${0xffff - 1} segments, not ${segmentIds.length}`);
    }
  }

  get size(): number {
    return this.customers.size;
  }

  /** Sets the customer's segment (by its position in `segmentIds`, null: none). */
  set(customer: string, segment: number | null): void {
    const c = this.customers.add(customer);
    if (c >= this.segments.length) this.segments = grown(this.segments, c + 1);
    this.segments[c] = segment === null ? 0 : segment + 1;
  }

  /** The customer's segment id (null: in none) and whether the customer is known at all. */
  get(customer: string): { known: boolean; segment: string | null } {
    const c = this.customers.indexOf(customer);
    if (c === -1) return { known: false, segment: null };
    const s = this.segments[c] ?? 0;
    return { known: true, segment: s === 0 ? null : (this.segmentIds[s - 1] ?? null) };
  }
}
