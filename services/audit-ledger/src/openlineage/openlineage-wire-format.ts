import { v5 as uuidv5 } from 'uuid';
import { InvalidEventError, MalformedEventError, type WireFormat } from '@provenant/events';
import type { OpenLineageRunEvent } from './run-event';
import { runEventProblems } from './run-event-schema';

/** Event type the consumer runtime reports for a message of the OpenLineage topic. */
export const OPENLINEAGE_RUN_EVENT = 'OpenLineageRunEvent';
/** UUID v5 namespace of received events' ids: `v5("<runId> <eventType> <eventTime>")`. */
export const RECEIVED_EVENT_NAMESPACE = 'b0f4f1a8-1d6e-5c1c-8f7e-2a9c3b4d5e60';

export interface ReceivedRunEvent {
  /** What the consumer runtime claims in processed_events: the same for every redelivery. */
  meta: { eventId: string };
  event: OpenLineageRunEvent;
  json: string;
}

/** One id per (run, transition, time): a producer's retry or a replay is the same event. */
export const receivedEventId = (e: Pick<OpenLineageRunEvent, 'run' | 'eventType' | 'eventTime'>) =>
  uuidv5(`${e.run.runId} ${e.eventType ?? ''} ${e.eventTime}`, RECEIVED_EVENT_NAMESPACE);

const notWritten = () => {
  throw new Error('the OpenLineage topic is only read');
};

/**
 * Reads the OpenLineage Kafka transport's messages (a RunEvent as JSON, reference §2.3) for the
 * shared consumer runtime, so they get its idempotency, retries and dead letters: not JSON →
 * `malformed-event`; not a RunEvent by our schema (JobEvent, DatasetEvent, a bad runId…) →
 * `invalid-event`, with the failing JSON pointers in `x-provenant-dlq-error`.
 */
export function openLineageWireFormat(): WireFormat {
  return {
    decode(bytes) {
      const json = bytes.toString('utf8');
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (err) {
        throw new MalformedEventError(`not JSON: ${(err as Error).message}`);
      }
      const problems = runEventProblems(value);
      if (problems.length > 0) throw new InvalidEventError('OpenLineage RunEvent', problems);
      const event = value as OpenLineageRunEvent;
      return {
        eventType: OPENLINEAGE_RUN_EVENT,
        value: { meta: { eventId: receivedEventId(event) }, event, json },
      };
    },
    encode: notWritten,
    topicOf: notWritten,
    headersOf: notWritten,
    writerSchemaOf: notWritten,
    fingerprintOfMessage: () => undefined,
    learnWriterSchema: notWritten,
  };
}
