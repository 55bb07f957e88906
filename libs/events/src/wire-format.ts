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
}
