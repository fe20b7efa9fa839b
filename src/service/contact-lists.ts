/**
 * Each customer's recent contacts — time and a packed code — in time order, without a
 * JavaScript object per customer or per contact: customers are numbered by a StringIndex and
 * every contact is a node of one pool of typed arrays (time, code, next), chained oldest
 * first from the customer's head. Freed nodes are reused. The garbage collector sees a dozen
 * typed arrays, whatever the number of contacts (see string-index.ts for why that matters).
 */
import { grown, StringIndex } from './string-index.js';

const NONE = -1;

export class ContactLists {
  private readonly customers = new StringIndex();
  /** Per customer: the oldest contact's node, or NONE; and how many contacts it has. */
  private heads = new Int32Array(1024).fill(NONE);
  private counts = new Uint16Array(1024);
  /** Per node: time (epoch ms), code, and the next newer node of the customer (or NONE). */
  private times = new Float64Array(4096);
  private codes = new Int32Array(4096);
  private nexts = new Int32Array(4096);
  private nodes = 0;
  private free = NONE;
  private live = 0;
  private withContacts = 0;

  constructor(private readonly maxPerCustomer: number) {}

  /** Contacts held, and customers with at least one. */
  stats(): { customersWithContacts: number; contacts: number } {
    return { customersWithContacts: this.withContacts, contacts: this.live };
  }

  /** Adds a contact in time order, drops the customer's contacts before `since` and the oldest beyond the limit. */
  push(customer: string, since: number, ts: number, code: number): void {
    const c = this.customers.add(customer);
    if (c >= this.heads.length) {
      const before = this.heads.length;
      this.heads = grown(this.heads, c + 1);
      this.heads.fill(NONE, before);
      this.counts = grown(this.counts, c + 1);
    }
    const node = this.allocate(ts, code);
    // After the last contact not newer than `ts` (equal times keep their arrival order).
    let previous = NONE;
    let at = this.heads[c] ?? NONE;
    while (at !== NONE && (this.times[at] ?? 0) <= ts) {
      previous = at;
      at = this.nexts[at] ?? NONE;
    }
    this.nexts[node] = at;
    if (previous === NONE) {
      if (this.heads[c] === NONE) this.withContacts++;
      this.heads[c] = node;
    } else this.nexts[previous] = node;
    this.counts[c] = (this.counts[c] ?? 0) + 1;
    this.dropBefore(c, since);
    while ((this.counts[c] ?? 0) > this.maxPerCustomer) this.dropOldest(c);
  }

  /** Calls `each` with the customer's contacts, oldest first. */
  forEach(customer: string, each: (ts: number, code: number) => void): void {
    const c = this.customers.indexOf(customer);
    if (c === -1) return;
    for (let at = this.heads[c] ?? NONE; at !== NONE; at = this.nexts[at] ?? NONE) {
      each(this.times[at] ?? 0, this.codes[at] ?? 0);
    }
  }

  /** Drops every contact before `since` for customers `from` to `to` (exclusive); returns how many. */
  pruneRange(since: number, from: number, to: number): number {
    const before = this.live;
    for (let c = from; c < Math.min(to, this.customers.size); c++) this.dropBefore(c, since);
    return before - this.live;
  }

  /** Customers numbered so far (with or without contacts left). */
  get numbered(): number {
    return this.customers.size;
  }

  private dropBefore(c: number, since: number): void {
    while (this.heads[c] !== NONE && (this.times[this.heads[c] ?? 0] ?? 0) < since) {
      this.dropOldest(c);
    }
  }

  private dropOldest(c: number): void {
    const node = this.heads[c] ?? NONE;
    if (node === NONE) return;
    const next = this.nexts[node] ?? NONE;
    this.heads[c] = next;
    this.counts[c] = (this.counts[c] ?? 1) - 1;
    if (next === NONE) this.withContacts--;
    this.nexts[node] = this.free;
    this.free = node;
    this.live--;
  }

  private allocate(ts: number, code: number): number {
    let node = this.free;
    if (node !== NONE) this.free = this.nexts[node] ?? NONE;
    else {
      node = this.nodes++;
      if (node >= this.times.length) {
        this.times = grown(this.times, node + 1);
        this.codes = grown(this.codes, node + 1);
        this.nexts = grown(this.nexts, node + 1);
      }
    }
    this.times[node] = ts;
    this.codes[node] = code;
    this.nexts[node] = NONE;
    this.live++;
    return node;
  }
}
