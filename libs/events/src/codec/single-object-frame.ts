import { MalformedEventError } from './codec-errors';

// Avro spec, "Single object encoding": a two-byte marker C3 01, the 8-byte little-endian
// CRC-64-AVRO fingerprint of the writer schema, then the Avro binary encoding of the datum.
export const SINGLE_OBJECT_MAGIC_0 = 0xc3;
export const SINGLE_OBJECT_MAGIC_1 = 0x01;
export const SINGLE_OBJECT_HEADER_LENGTH = 10;

/** Throws unless `message` starts with a complete single-object header. */
export function assertSingleObjectHeader(message: Buffer): void {
  if (message.length < SINGLE_OBJECT_HEADER_LENGTH) {
    throw new MalformedEventError(
      `message has ${message.length} bytes, fewer than the 10-byte Avro single-object header (C3 01 + 8-byte fingerprint)`,
    );
  }
  if (message[0] !== SINGLE_OBJECT_MAGIC_0 || message[1] !== SINGLE_OBJECT_MAGIC_1) {
    throw new MalformedEventError(
      `bad magic ${message.toString('hex', 0, 2).toUpperCase()}: not Avro single-object encoding, which starts with C3 01`,
    );
  }
}

/** The writer fingerprint of a message whose header was checked, as little-endian hex. */
export function fingerprintHexOf(message: Buffer): string {
  return message.toString('hex', 2, SINGLE_OBJECT_HEADER_LENGTH);
}
