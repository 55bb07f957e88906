import type { ParquetPhysicalType } from './parquet-encoder';

// Value encodings of https://github.com/apache/parquet-format/blob/master/Encodings.md. Typed
// arrays are in the platform's byte order, which Parquet's little-endian matches on x86 and ARM.

/** Distinct values and each present value's index, or undefined when plain encoding is smaller. */
export function dictionaryOf(type: ParquetPhysicalType, present: Float64Array | unknown[]) {
  const { values, indexes, sizes } =
    type === 'BYTE_ARRAY' ? distinctStrings(present as string[]) : distinctNumbers(present as Float64Array);
  let plainBytes = 0;
  let dictBytes = 0;
  if (type === 'BYTE_ARRAY') {
    for (let i = 0; i < indexes.length; i++) plainBytes += sizes[indexes[i]];
    for (const size of sizes) dictBytes += size;
  } else {
    const width = type === 'INT32' || type === 'FLOAT' ? 4 : 8;
    plainBytes = present.length * width;
    dictBytes = values.length * width;
  }
  const indexBytes = Math.ceil((present.length * bitWidth(values.length)) / 8);
  return present.length > 0 && 2 * (dictBytes + indexBytes) <= plainBytes ? { values, indexes } : undefined;
}

function distinctStrings(present: string[]) {
  const index = new Map<string, number>();
  const values: string[] = [];
  const sizes: number[] = [];
  const indexes = new Int32Array(present.length);
  for (let i = 0; i < present.length; i++) {
    let at = index.get(present[i]);
    if (at === undefined) {
      index.set(present[i], (at = values.length));
      values.push(present[i]);
      sizes.push(4 + Buffer.byteLength(present[i]));
    }
    indexes[i] = at;
  }
  return { values, indexes, sizes };
}

/**
 * Distinct numbers by their 64 bits, in an open-addressing table: a Map keyed by boxed doubles
 * took most of the encoding time. (+0 and -0, and NaNs with other payloads, stay distinct.)
 */
function distinctNumbers(present: Float64Array) {
  const n = present.length;
  let mask = 1023; // sized to the distinct values, not the rows: a table that fits in cache
  let slots = new Int32Array(mask + 1).fill(-1);
  const words = new Uint32Array(present.buffer, present.byteOffset, 2 * n);
  const firsts = new Int32Array(n); // distinct value d first appears at present[firsts[d]]
  const indexes = new Int32Array(n);
  const slotOf = (lo: number, hi: number) => mix(lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i];
    const hi = words[2 * i + 1];
    for (let h = slotOf(lo, hi); ; h = (h + 1) & mask) {
      const at = slots[h];
      if (at === -1) {
        slots[h] = distinct;
        firsts[distinct] = i;
        indexes[i] = distinct++;
        break;
      }
      const j = firsts[at];
      if (words[2 * j] === lo && words[2 * j + 1] === hi) {
        indexes[i] = at;
        break;
      }
    }
    if (distinct * 2 > mask) {
      mask = mask * 2 + 1;
      slots = new Int32Array(mask + 1).fill(-1);
      for (let d = 0; d < distinct; d++) {
        let h = slotOf(words[2 * firsts[d]], words[2 * firsts[d] + 1]);
        while (slots[h] !== -1) h = (h + 1) & mask;
        slots[h] = d;
      }
    }
  }
  const values = new Float64Array(distinct);
  for (let d = 0; d < distinct; d++) values[d] = present[firsts[d]];
  return { values, indexes, sizes: [] as number[] };
}

/** MurmurHash3's finaliser: integers as doubles differ only in their high bits. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const bitWidth = (distinct: number) => Math.max(1, Math.ceil(Math.log2(distinct)));

/** PLAIN: fixed-width little-endian values, length-prefixed bytes, or bit-packed booleans. */
export function plain(type: ParquetPhysicalType, values: Float64Array | unknown[]): Uint8Array {
  const n = values.length;
  switch (type) {
    case 'DOUBLE':
      return bytesOf(values instanceof Float64Array ? values : Float64Array.from(values as number[]));
    case 'FLOAT':
      return bytesOf(Float32Array.from(values as Float64Array));
    case 'INT32':
      return bytesOf(Int32Array.from(values as Float64Array));
    case 'INT64': {
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) out[i] = BigInt(values[i] as number);
      return bytesOf(out);
    }
    case 'BOOLEAN': {
      const out = new Uint8Array(Math.ceil(n / 8));
      for (let i = 0; i < n; i++) if (values[i] === true) out[i >> 3] |= 1 << (i & 7);
      return out;
    }
    case 'BYTE_ARRAY': {
      const strings = values as string[];
      let size = 0;
      for (const s of strings) size += 4 + Buffer.byteLength(s);
      const out = Buffer.allocUnsafe(size);
      let at = 0;
      for (const s of strings) {
        const len = out.write(s, at + 4);
        out.writeUInt32LE(len, at);
        at += 4 + len;
      }
      return out;
    }
  }
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Definition levels (bit width 1), length-prefixed: one RLE run when nothing is null. */
export function definitionLevels(defined: Uint8Array, present: number): Uint8Array {
  const body = present === defined.length ? rleRun(defined.length, 1) : bitPacked(defined, defined.length, 1);
  const out = new Uint8Array(4 + body.length);
  new DataView(out.buffer).setUint32(0, body.length, true);
  out.set(body, 4);
  return out;
}

/** Dictionary indexes of a data page: their bit width, then one bit-packed run. */
export function dictionaryIndexes(indexes: Int32Array, distinct: number): Uint8Array {
  const width = bitWidth(distinct);
  const body = bitPacked(indexes, indexes.length, width);
  const out = new Uint8Array(1 + body.length);
  out[0] = width;
  out.set(body, 1);
  return out;
}

function rleRun(count: number, value: number): Uint8Array {
  return Uint8Array.from([...varint(count * 2), value]);
}

/** One bit-packed run of the RLE/bit-packing hybrid: groups of 8 values, LSB first (width ≤ 24). */
function bitPacked(values: ArrayLike<number>, count: number, width: number): Uint8Array {
  const groups = Math.ceil(count / 8);
  const header = varint(groups * 2 + 1);
  const out = new Uint8Array(header.length + groups * width);
  out.set(header, 0);
  let at = header.length;
  let acc = 0; // fewer than 8 pending bits before each value, so acc stays below 2^32
  let bits = 0;
  for (let i = 0; i < count; i++) {
    acc = (acc | (values[i] << bits)) >>> 0;
    bits += width;
    while (bits >= 8) {
      out[at++] = acc & 0xff;
      acc >>>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out[at] = acc;
  return out;
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}
