/**
 * Strings to dense numbers 0, 1, 2, … without a JavaScript object per string: the keys live
 * as UTF-8 in one growing byte buffer and the hash table is a typed array. A million customer
 * ids kept this way cost the garbage collector nothing to mark, where a `Map<string, …>` of
 * them made it mark millions of objects and pause the server for hundreds of milliseconds
 * (docs/performance.md, "Routing by contact reason"). Keys are never removed: make a new
 * index to forget some.
 */
const EMPTY = -1;
const encoder = new TextEncoder();

export class StringIndex {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  /** Where key i starts in `bytes`; key i ends where key i + 1 starts. */
  private starts = new Float64Array(1024 + 1);
  private hashes = new Uint32Array(1024);
  /** Open addressing, linear probing: the index of the key in each slot, or EMPTY. */
  private slots = new Int32Array(2048).fill(EMPTY);
  private scratch = new Uint8Array(256);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The number of `key`, or -1 when it was never added. */
  indexOf(key: string): number {
    const length = this.encode(key);
    return this.find(length, fnv1a(this.scratch, length));
  }

  /** The number of `key`, added when new. */
  add(key: string): number {
    const length = this.encode(key);
    const hash = fnv1a(this.scratch, length);
    const found = this.find(length, hash);
    if (found !== -1) return found;
    const i = this.count++;
    if (i + 1 >= this.hashes.length) this.growKeys();
    if (this.used + length > this.bytes.length) {
      this.bytes = grown(this.bytes, this.used + length);
    }
    this.bytes.set(this.scratch.subarray(0, length), this.used);
    this.starts[i] = this.used;
    this.used += length;
    this.starts[i + 1] = this.used;
    this.hashes[i] = hash;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(i, hash);
    return i;
  }

  /** The key in `scratch` (`length` bytes, hashed `hash`): its number, or -1. */
  private find(length: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const i = this.slots[slot] ?? EMPTY;
      if (i === EMPTY) return -1;
      if (this.hashes[i] === hash && this.equals(i, length)) return i;
    }
  }

  /** Key number i, as a string (for iterating; not on a hot path). */
  keyAt(i: number): string {
    const start = this.starts[i] ?? 0;
    return new TextDecoder().decode(this.bytes.subarray(start, this.starts[i + 1] ?? start));
  }

  /** Bytes held, for the logs and the benchmark. */
  byteSize(): number {
    return (
      this.bytes.byteLength +
      this.starts.byteLength +
      this.hashes.byteLength +
      this.slots.byteLength
    );
  }

  private encode(key: string): number {
    if (key.length * 3 > this.scratch.length) this.scratch = new Uint8Array(key.length * 3);
    return encoder.encodeInto(key, this.scratch).written;
  }

  private equals(i: number, length: number): boolean {
    const start = this.starts[i] ?? 0;
    if ((this.starts[i + 1] ?? 0) - start !== length) return false;
    for (let k = 0; k < length; k++) if (this.bytes[start + k] !== this.scratch[k]) return false;
    return true;
  }

  private place(i: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = i;
  }

  private rehash(capacity: number): void {
    this.slots = new Int32Array(capacity).fill(EMPTY);
    for (let i = 0; i < this.count; i++) this.place(i, this.hashes[i] ?? 0);
  }

  private growKeys(): void {
    const starts = new Float64Array(this.starts.length * 2);
    starts.set(this.starts);
    this.starts = starts;
    const hashes = new Uint32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }
}

/** A copy of `array` with room for at least `needed` elements (doubling). */
export function grown<T extends Uint8Array | Int32Array | Float64Array | Uint16Array>(
  array: T,
  needed: number,
): T {
  let capacity = Math.max(1, array.length);
  while (capacity < needed) capacity *= 2;
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}

/** FNV-1a over the first `length` bytes. */
function fnv1a(bytes: Uint8Array, length: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < length; k++) {
    h ^= bytes[k] ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
