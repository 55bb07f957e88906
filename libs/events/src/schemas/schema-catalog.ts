import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { ensureTopics } from '../consumer/ensure-topics';
import type { WireFormat } from '../wire-format';

interface Announcement {
  eventType: string;
  schema: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Writer schemas shared through a compacted topic keyed by fingerprint, so a consumer built before
 * a schema change can still read a newer producer's events (Avro forward compatibility needs the
 * writer's schema, and single-object encoding carries only its fingerprint). Producers announce
 * the schema of each event type before its first event; consumers tail the topic and learn a
 * schema when they meet its fingerprint.
 */
export class SchemaCatalog {
  private readonly announced = new Set<string>();
  private readonly known = new Map<string, Announcement>();
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    readonly topic: string,
    private readonly wire: WireFormat,
  ) {}

  /** Producer side: make sure these event types' writer schemas are on the topic. */
  async announce(producer: Producer, eventTypes: Iterable<string>): Promise<void> {
    const fresh = [...new Set(eventTypes)]
      .map((eventType) => ({ eventType, ...this.wire.writerSchemaOf(eventType) }))
      .filter((s) => !this.announced.has(s.fingerprint));
    if (fresh.length === 0) return;
    await ensureTopics(this.kafka, [{ topic: this.topic, partitions: 1, compacted: true }]);
    await producer.send({
      topic: this.topic,
      acks: -1,
      messages: fresh.map((s) => ({
        key: s.fingerprint,
        value: JSON.stringify({ eventType: s.eventType, schema: s.schema }),
      })),
    });
    for (const s of fresh) this.announced.add(s.fingerprint);
  }

  /** Consumer side: tail the topic from the beginning into memory. */
  async start(): Promise<void> {
    await ensureTopics(this.kafka, [{ topic: this.topic, partitions: 1, compacted: true }]);
    // A private group: every instance must see every schema, and nothing needs committing.
    this.consumer = this.kafka.consumer({ groupId: `${this.topic}.reader.${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        if (!message.key || !message.value) return;
        this.known.set(message.key.toString(), JSON.parse(message.value.toString()) as Announcement);
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }

  /** Teaches the wire format the schema with this fingerprint, waiting briefly for it to arrive. */
  async learn(fingerprint: string, timeoutMs = 5_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const announcement = this.known.get(fingerprint);
      if (announcement) {
        this.wire.learnWriterSchema(announcement.eventType, announcement.schema);
        return true;
      }
      if (!this.consumer || Date.now() > deadline) return false;
      await sleep(50);
    }
  }
}
