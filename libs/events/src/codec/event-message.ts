import { EventMap, EventType } from '@provenant/contracts';
import { buildEventHeaders, kafkaKeyOf, TraceContext } from './cloud-event-headers';
import { EventCodec } from './event-codec';

/** Everything a Kafka record needs: key, single-object encoded value, CloudEvents headers. */
export interface EncodedEventMessage {
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

export function encodeEventMessage<K extends EventType>(
  codec: EventCodec<EventMap>,
  eventType: K,
  event: EventMap[K],
  trace?: TraceContext,
): EncodedEventMessage {
  return {
    key: kafkaKeyOf(event.meta),
    value: codec.encode(eventType, event),
    headers: buildEventHeaders(eventType, event.meta, trace),
  };
}
