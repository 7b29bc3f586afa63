// The anchors a full import has seen, with the line of each, for duplicate detection over files of
// millions of records. A Map<string, number> costs ~170 MB of peak RSS at 1,000,000 anchors (heap
// objects plus GC headroom); this open-addressing table keeps the anchors' UTF-16 code units in one
// growing typed array and its slots in others: ~40 bytes per anchor, outside the JS heap, exact.

/** An exact set of anchor strings, each with the line it was first seen on. */
export class AnchorIndex {
  private chars = new Uint16Array(1 << 16);
  private used = 0;
  private starts = new Uint32Array(1 << 12);
  private lengths = new Uint32Array(1 << 12);
  private lines = new Uint32Array(1 << 12);
  private count = 0;
  /** slot -> entry index + 1 (0: empty); capacity a power of two, at most half full. */
  private slots = new Uint32Array(1 << 13);

  /** Number of anchors stored. */
  get size(): number {
    return this.count;
  }

  private static hash(s: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }

  private equals(entry: number, s: string): boolean {
    if (this.lengths[entry] !== s.length) return false;
    const start = this.starts[entry]!;
    for (let i = 0; i < s.length; i++) if (this.chars[start + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  /** The slot holding `s`, or the empty slot where it would go. */
  private find(s: string, h: number): number {
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = this.slots[slot]!;
      if (e === 0 || this.equals(e - 1, s)) return slot;
    }
  }

  /** The line `anchor` was first seen on, or undefined. */
  get(anchor: string): number | undefined {
    const e = this.slots[this.find(anchor, AnchorIndex.hash(anchor))]!;
    return e === 0 ? undefined : this.lines[e - 1];
  }

  /** Records `anchor` at `line` unless it is there already. */
  set(anchor: string, line: number): void {
    const h = AnchorIndex.hash(anchor);
    const slot = this.find(anchor, h);
    if (this.slots[slot] !== 0) return;
    if (this.count === this.starts.length) this.growEntries();
    if (this.used + anchor.length > this.chars.length) this.chars = grow(this.chars, this.used + anchor.length);
    const entry = this.count++;
    this.starts[entry] = this.used;
    this.lengths[entry] = anchor.length;
    this.lines[entry] = line;
    for (let i = 0; i < anchor.length; i++) this.chars[this.used + i] = anchor.charCodeAt(i);
    this.used += anchor.length;
    this.slots[slot] = entry + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  private growEntries(): void {
    const n = this.starts.length * 2;
    this.starts = grow(this.starts, n);
    this.lengths = grow(this.lengths, n);
    this.lines = grow(this.lines, n);
  }

  private rehash(): void {
    this.slots = new Uint32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let e = 0; e < this.count; e++) {
      const start = this.starts[e]!;
      let h = 0x811c9dc5;
      for (let i = 0; i < this.lengths[e]!; i++) h = Math.imul(h ^ this.chars[start + i]!, 0x01000193);
      let slot = (h >>> 0) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = e + 1;
    }
  }
}

function grow<T extends Uint16Array | Uint32Array>(a: T, atLeast: number): T {
  let n = a.length * 2;
  while (n < atLeast) n *= 2;
  const next = new (a.constructor as { new (n: number): T })(n);
  next.set(a);
  return next;
}
