import {
  EVENT_CATALOG,
  EventMeta,
  EventType,
  formatProvRef,
  formatRfc3339Micros,
  parseRfc3339Micros,
} from '@provenant/contracts';
import { MalformedEventHeadersError } from './codec-errors';

// CloudEvents 1.0 Kafka protocol binding, binary content mode: the event's attributes travel as
// `ce_`-prefixed headers and the Kafka value is the event data. The data is Avro single-object
// encoding (C3 01 + CRC-64-AVRO fingerprint + datum), announced as `application/avro`.
// W3C Trace Context headers ride alongside so one trace spans producer and consumer.

export const CE_SPEC_VERSION = '1.0';
export const AVRO_CONTENT_TYPE = 'application/avro';
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export interface TraceContext {
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/** Header values as KafkaJS hands them over (structurally `IHeaders`). */
export type KafkaHeaders = Readonly<
  Record<string, Buffer | string | ReadonlyArray<Buffer | string> | undefined>
>;

export interface ParsedEventHeaders extends TraceContext {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  /** The event type named by `ce_type`; undefined for a type this build does not know. */
  readonly eventType: EventType | undefined;
  readonly time: string;
  readonly timeMicros: number;
  readonly subject: string | undefined;
  readonly contentType: string;
}

const CE_TYPE_TO_EVENT = new Map<string, EventType>(
  (Object.keys(EVENT_CATALOG) as EventType[]).map((eventType) => [
    EVENT_CATALOG[eventType].ceType,
    eventType,
  ]),
);

/** `io.provenant.runs.RunStarted.v1` → `RunStarted`. */
export function eventTypeOfCeType(ceType: string): EventType | undefined {
  return CE_TYPE_TO_EVENT.get(ceType);
}

/** The Kafka key: the subject's id, so all events about one aggregate keep their order. */
export function kafkaKeyOf(meta: EventMeta): string {
  return meta.subject.id;
}

export function buildEventHeaders(
  eventType: EventType,
  meta: EventMeta,
  trace: TraceContext = {},
): Record<string, string> {
  const headers: Record<string, string> = {
    ce_specversion: CE_SPEC_VERSION,
    ce_id: meta.eventId,
    ce_source: `/provenant/${meta.producer.service}`,
    ce_type: EVENT_CATALOG[eventType].ceType,
    ce_time: formatRfc3339Micros(meta.occurredAt),
    ce_subject: formatProvRef(meta.subject),
    'content-type': AVRO_CONTENT_TYPE,
  };
  if (trace.traceparent !== undefined) headers.traceparent = trace.traceparent;
  if (trace.tracestate !== undefined) headers.tracestate = trace.tracestate;
  return headers;
}

/** Reads and checks the CloudEvents headers; throws MalformedEventHeadersError naming the header. */
export function parseEventHeaders(headers: KafkaHeaders | undefined): ParsedEventHeaders {
  const read = (name: string): string | undefined => {
    const raw = headers?.[name];
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    return value === undefined ? undefined : value.toString();
  };
  const required = (name: string): string => {
    const value = read(name);
    if (value === undefined || value === '') throw new MalformedEventHeadersError(name, 'missing');
    return value;
  };
  const specversion = required('ce_specversion');
  if (specversion !== CE_SPEC_VERSION)
    throw new MalformedEventHeadersError('ce_specversion', `unsupported version ${specversion}`);
  const time = required('ce_time');
  let timeMicros: number;
  try {
    timeMicros = parseRfc3339Micros(time);
  } catch {
    throw new MalformedEventHeadersError('ce_time', `not an RFC 3339 timestamp: ${time}`);
  }
  const type = required('ce_type');
  const traceparent = read('traceparent');
  const tracestate = read('tracestate');
  return {
    id: required('ce_id'),
    source: required('ce_source'),
    type,
    eventType: eventTypeOfCeType(type),
    time,
    timeMicros,
    subject: read('ce_subject'),
    contentType: required('content-type'),
    // W3C Trace Context: a malformed traceparent is ignored, and tracestate goes with it.
    ...(traceparent !== undefined && TRACEPARENT.test(traceparent)
      ? { traceparent, ...(tracestate !== undefined ? { tracestate } : {}) }
      : {}),
  };
}
