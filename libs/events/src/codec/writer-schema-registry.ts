import * as avro from 'avsc';
import { IncompatibleWriterSchemaError, UnknownFingerprintError } from './codec-errors';
import { schemaFingerprint, SchemaFingerprint } from './schema-fingerprint';

/** An event type's current schema: what consumers decode into and producers encode with. */
export interface ReaderSchema {
  readonly eventType: string;
  readonly type: avro.Type;
  readonly fingerprint: SchemaFingerprint;
}

/**
 * A schema some producer may have written with, and how to read it as the current schema. The
 * resolver is built once here (Avro spec, "Schema Resolution"), never per message; it is
 * undefined when the writer is the reader (same canonical form, same bytes).
 */
export interface WriterSchemaEntry {
  readonly eventType: string;
  readonly fingerprint: SchemaFingerprint;
  readonly reader: ReaderSchema;
  readonly resolver: avro.Resolver | undefined;
  /** Why resolution failed, when it did; decoding such messages then throws. */
  readonly incompatibility: string | undefined;
}

/**
 * Writer schemas by fingerprint. Lookups key on the low 32 bits of the fingerprint as a number,
 * so the decode path allocates nothing to find the schema.
 */
export class WriterSchemaRegistry {
  private readonly byLow = new Map<number, WriterSchemaEntry[]>();
  private readonly byHex = new Map<string, WriterSchemaEntry>();

  add(reader: ReaderSchema, writerType: avro.Type): WriterSchemaEntry {
    const fingerprint = schemaFingerprint(writerType);
    const existing = this.byHex.get(fingerprint.hex);
    if (existing) return existing;
    const entry = this.entryFor(reader, writerType, fingerprint);
    this.byHex.set(fingerprint.hex, entry);
    this.byLow.set(fingerprint.low, [...(this.byLow.get(fingerprint.low) ?? []), entry]);
    return entry;
  }

  has(fingerprintHex: string): boolean {
    return this.byHex.has(fingerprintHex);
  }

  /** The entry for the fingerprint at bytes 2..9 of a message whose header was checked. */
  find(message: Buffer): WriterSchemaEntry | undefined {
    const candidates = this.byLow.get(message.readUInt32LE(2));
    if (candidates === undefined) return undefined;
    const high = message.readUInt32LE(6);
    for (const candidate of candidates) if (candidate.fingerprint.high === high) return candidate;
    return undefined;
  }

  /** Like `find`, but throws the error a consumer dead-letters with. */
  require(message: Buffer): WriterSchemaEntry {
    const entry = this.find(message);
    if (entry === undefined) throw new UnknownFingerprintError(message.toString('hex', 2, 10));
    if (entry.incompatibility !== undefined) {
      throw new IncompatibleWriterSchemaError(entry.eventType, entry.fingerprint.hex, entry.incompatibility);
    }
    return entry;
  }

  private entryFor(
    reader: ReaderSchema,
    writerType: avro.Type,
    fingerprint: SchemaFingerprint,
  ): WriterSchemaEntry {
    const base = { eventType: reader.eventType, fingerprint, reader };
    if (fingerprint.hex === reader.fingerprint.hex)
      return { ...base, resolver: undefined, incompatibility: undefined };
    try {
      return { ...base, resolver: reader.type.createResolver(writerType), incompatibility: undefined };
    } catch (error) {
      // Kept rather than thrown: one bad historical version must not stop a consumer from starting.
      return { ...base, resolver: undefined, incompatibility: (error as Error).message };
    }
  }
}
