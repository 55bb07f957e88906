/**
 * Why a message could not be encoded or decoded. `reason` is stable and machine-readable: the
 * consumer runtime puts it in the dead-letter headers, next to the human `message`.
 */
export type EventCodecErrorReason =
  | 'malformed-event'
  | 'unknown-fingerprint'
  | 'incompatible-schema'
  | 'invalid-event'
  | 'unknown-event-type'
  | 'malformed-headers';

export abstract class EventCodecError extends Error {
  abstract readonly reason: EventCodecErrorReason;

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The bytes are not a single-object encoded Avro datum: bad magic, truncated, trailing bytes. */
export class MalformedEventError extends EventCodecError {
  readonly reason = 'malformed-event';

  constructor(message: string) {
    super(message);
  }
}

/** No known writer schema has the fingerprint in the message header. */
export class UnknownFingerprintError extends EventCodecError {
  readonly reason = 'unknown-fingerprint';

  constructor(readonly fingerprint: string) {
    super(
      `no known schema has fingerprint ${fingerprint} (CRC-64-AVRO, little-endian hex): the producer uses a ` +
        'schema this consumer was not built with; register it (EventCodec.registerWriterSchema) or upgrade @provenant/contracts',
    );
  }
}

/** The writer schema is known, but Avro schema resolution cannot read it as the current schema. */
export class IncompatibleWriterSchemaError extends EventCodecError {
  readonly reason = 'incompatible-schema';

  constructor(
    readonly eventType: string,
    readonly fingerprint: string,
    detail: string,
  ) {
    super(
      `${eventType} written with schema ${fingerprint} cannot be read as the current ${eventType} schema: ${detail}`,
    );
  }
}

/** A value handed to `encode` does not match its event's schema. */
export class InvalidEventError extends EventCodecError {
  readonly reason = 'invalid-event';

  constructor(
    readonly eventType: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid ${eventType}: ${problems.join('; ')}`);
  }
}

export class UnknownEventTypeError extends EventCodecError {
  readonly reason = 'unknown-event-type';

  constructor(readonly eventType: string) {
    super(`unknown event type ${JSON.stringify(eventType)}: not in @provenant/contracts`);
  }
}

/** A required CloudEvents header is missing or malformed; `header` names it. */
export class MalformedEventHeadersError extends EventCodecError {
  readonly reason = 'malformed-headers';

  constructor(
    readonly header: string,
    problem: string,
  ) {
    super(`Kafka header ${header}: ${problem}`);
  }
}
