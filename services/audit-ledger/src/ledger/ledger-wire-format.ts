import {
  contractsWireFormat,
  EventCodec,
  IncompatibleWriterSchemaError,
  UnknownFingerprintError,
  type WireFormat,
} from '@provenant/events';

/** Event type the consumer reports for an event whose schema this build does not know. */
export const UNKNOWN_EVENT_TYPE = '(unknown)';

/**
 * The ledger records every event, including types it was built without: when the writer schema
 * is unknown it still reads the EventMeta prefix (EventCodec#decodeMeta), and the leaf is the raw
 * bytes anyway. Anything that is not even an Avro single-object event still dead-letters.
 */
export function ledgerWireFormat(codec: EventCodec = EventCodec.fromContracts()): WireFormat {
  const wire = contractsWireFormat(codec);
  return {
    ...wire,
    decode(bytes) {
      try {
        return wire.decode(bytes);
      } catch (err) {
        if (!(err instanceof UnknownFingerprintError || err instanceof IncompatibleWriterSchemaError))
          throw err;
        const { eventType, meta } = codec.decodeMeta(bytes);
        return { eventType: eventType ?? UNKNOWN_EVENT_TYPE, value: { meta } };
      }
    },
  };
}

/** `io.provenant.runs.RunStarted.v1` → `RunStarted`: the name of an event the codec does not know. */
export function eventTypeFromCeType(ceType: string | undefined): string | undefined {
  const parts = ceType?.split('.') ?? [];
  return parts.length >= 2 ? parts[parts.length - 2] : undefined;
}
