import * as avro from 'avsc';
import { crc64AvroBytes } from './crc64-avro';

/**
 * A writer schema's CRC-64-AVRO fingerprint. `hex` is the 8 bytes in wire order (little-endian,
 * as after `C3 01`), the form fastavro prints and history files use; `low`/`high` are the same
 * bytes read as two unsigned 32-bit words, for allocation-free lookups on the decode path.
 */
export interface SchemaFingerprint {
  readonly hex: string;
  readonly bytes: Buffer;
  readonly low: number;
  readonly high: number;
}

/**
 * Parsing Canonical Form (Avro spec, "Parsing Canonical Form for Schemas"). avsc's
 * `Type#schema()` without options already applies the PCF transformations: full names, only
 * name/type/fields/symbols/items/values/size in that order, primitives in their simple form, no
 * whitespace. Named types are written in full at their first use and by name afterwards, which is
 * the fully resolved form Apache Avro's Java implementation fingerprints; the spec-vector test
 * (crc64-avro.spec.ts) holds avsc to the published canonical forms.
 */
export function parsingCanonicalForm(type: avro.Type): string {
  return JSON.stringify(type.schema());
}

export function fingerprintOfCanonicalForm(canonicalForm: string): SchemaFingerprint {
  const bytes = crc64AvroBytes(Buffer.from(canonicalForm, 'utf8'));
  return { hex: bytes.toString('hex'), bytes, low: bytes.readUInt32LE(0), high: bytes.readUInt32LE(4) };
}

export function schemaFingerprint(type: avro.Type): SchemaFingerprint {
  return fingerprintOfCanonicalForm(parsingCanonicalForm(type));
}
