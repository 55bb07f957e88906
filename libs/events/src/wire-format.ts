/**
 * What the outbox and the consumer runtime need from the codec (codec/): turning a typed event
 * into single-object-encoded bytes plus CloudEvents headers, and back. Kept as an interface so
 * the runtime can be unit-tested with a fake and the codec can evolve on its own.
 */
export interface WireDecoded {
  eventType: string;
  value: any;
}

export interface WireFormat {
  encode(eventType: string, value: unknown): Buffer;
  /** Throws a codec error (malformed bytes, unknown writer fingerprint) that becomes a DLQ reason. */
  decode(bytes: Buffer): WireDecoded;
  /** Versioned topic name the event type belongs to, without any deployment prefix. */
  topicOf(eventType: string): string;
  /** CloudEvents binary-mode headers for the event (trace headers are added separately). */
  headersOf(eventType: string, value: any): Record<string, string>;
  /** The schema this build writes an event type with, and its fingerprint (hex, as in the header). */
  writerSchemaOf(eventType: string): { fingerprint: string; schema: string };
  /** Hex fingerprint in a message's single-object header, or undefined if the header is not there. */
  fingerprintOfMessage(bytes: Buffer): string | undefined;
  /** Teaches the decoder another writer schema of a known event type (e.g. a newer producer's). */
  learnWriterSchema(eventType: string, schema: string): void;
}
