// CRC-64-AVRO, the Rabin fingerprint the Avro specification uses for single-object encoding
// (Avro spec, "Schema Fingerprints"). avsc's Type#fingerprint only offers crypto hashes (md5,
// sha256), so this is the spec's reference algorithm, transcribed with BigInt. It runs once per
// schema at start-up, never per message, so BigInt's cost does not matter.

const EMPTY = 0xc15d213aa4d7a795n;
const MASK_64 = 0xffffffffffffffffn;

const FP_TABLE: readonly bigint[] = (() => {
  const table: bigint[] = [];
  for (let i = 0; i < 256; i++) {
    let fp = BigInt(i);
    for (let j = 0; j < 8; j++) {
      // Java's `EMPTY & -(fp & 1L)`: all ones when the low bit is set, else zero.
      fp = (fp >> 1n) ^ (fp & 1n ? EMPTY : 0n);
    }
    table.push(fp);
  }
  return table;
})();

/** The 64-bit fingerprint as an unsigned BigInt (Java's `long`, reinterpreted as unsigned). */
export function crc64Avro(bytes: Uint8Array): bigint {
  let fp = EMPTY;
  for (const byte of bytes) {
    fp = ((fp >> 8n) ^ FP_TABLE[Number((fp ^ BigInt(byte)) & 0xffn)]) & MASK_64;
  }
  return fp;
}

/**
 * The fingerprint's 8 bytes in little-endian order, as they follow `C3 01` in a single-object
 * encoded message (Avro spec, "Single object encoding").
 */
export function crc64AvroBytes(bytes: Uint8Array): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(crc64Avro(bytes));
  return out;
}
