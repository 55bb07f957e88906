import type { KafkaMessage, Producer } from 'kafkajs';
import { eventsMetrics } from '../metrics';
import type { DeadLetterReason } from './failure-kinds';

export interface DeadLetterSource {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** Headers say why and where from, so an operator can triage and replay without guessing. */
export function deadLetterHeaders(
  source: DeadLetterSource,
  group: string,
  reason: DeadLetterReason,
  error: string,
  attempts: number,
): Record<string, string> {
  return {
    'x-provenant-dlq-reason': reason,
    'x-provenant-dlq-error': error.slice(0, 1024),
    'x-provenant-dlq-topic': source.topic,
    'x-provenant-dlq-partition': String(source.partition),
    'x-provenant-dlq-offset': source.message.offset,
    'x-provenant-dlq-group': group,
    'x-provenant-dlq-attempts': String(attempts),
    'x-provenant-dlq-failed-at': new Date().toISOString(),
  };
}

export class DeadLetterPublisher {
  private readonly counter = eventsMetrics.deadLettered();

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly group: string,
  ) {}

  async send(
    source: DeadLetterSource,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
  ): Promise<void> {
    const original = Object.fromEntries(
      Object.entries(source.message.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
    ) as Record<string, string | Buffer | undefined>;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: [
        {
          key: source.message.key,
          value: source.message.value,
          headers: { ...original, ...deadLetterHeaders(source, this.group, reason, error, attempts) },
        },
      ],
    });
    this.counter.inc({ group: this.group, reason });
  }
}
