import { EVENT_CATALOG, type EventType } from '@provenant/contracts';
import { buildEventHeaders } from './codec/cloud-event-headers';
import { EventCodec } from './codec/event-codec';
import type { WireFormat } from './wire-format';

/** The production wire format: the generated contracts, their codec and CloudEvents headers. */
export function contractsWireFormat(codec: EventCodec = EventCodec.fromContracts()): WireFormat {
  return {
    encode: (eventType, value) => codec.encode(eventType as EventType, value as never),
    decode: (bytes) => codec.decode(bytes),
    topicOf: (eventType) => {
      const entry = EVENT_CATALOG[eventType as EventType];
      if (!entry) throw new Error(`unknown event type ${eventType}`);
      return entry.topic;
    },
    headersOf: (eventType, value) => buildEventHeaders(eventType as EventType, value.meta),
    writerSchemaOf: (eventType) => ({
      fingerprint: codec.fingerprintOf(eventType as EventType),
      schema: codec.writerSchemaJson(eventType as EventType),
    }),
    fingerprintOfMessage: (bytes) =>
      bytes.length >= 10 && bytes[0] === 0xc3 && bytes[1] === 0x01 ? bytes.toString('hex', 2, 10) : undefined,
    learnWriterSchema: (eventType, schema) => void codec.registerWriterSchema(eventType as EventType, schema),
  };
}
