import { Kafka, logLevel, type Producer } from 'kafkajs';
import { provRef, subject, type ValueType } from '@provenant/contracts';
import { contractsWireFormat, EventMetaFactory } from '@provenant/events';
import type { TestEnv } from '@provenant/testing';

export const wire = contractsWireFormat();
export const metas = new EventMetaFactory({ name: 'bench', version: 'bench', instance: 'bench' });
const digest = `sha256:${'0'.repeat(64)}`;
export const FEATURES = Array.from({ length: 10 }, (_, i) => `f${i}`);

/**
 * The driver entity and a view of FLOAT64 features (by default the ten of FEATURES, from a
 * stream source), as the registry would publish them.
 */
export function benchDefinitions(
  view: string,
  ttlMicros: number,
  { features = FEATURES, sourceKind = 'stream' }: { features?: string[]; sourceKind?: string } = {},
) {
  const d = { description: null, owner: null, tags: {}, definitionDigest: digest };
  return [
    {
      eventType: 'EntityApplied',
      event: {
        meta: metas.create({
          subject: subject('entity', 'driver'),
          generated: [provRef.entity('driver', 1)],
        }),
        name: 'driver',
        version: 1,
        change: 'CREATED',
        joinKeys: [{ name: 'driver_id', valueType: 'INT64' as ValueType }],
        ...d,
      },
    },
    {
      eventType: 'FeatureViewApplied',
      event: {
        meta: metas.create({
          subject: subject('feature_view', view),
          generated: [provRef.featureView(view, 1)],
        }),
        name: view,
        version: 1,
        change: 'CREATED',
        previousVersion: null,
        entities: ['driver'],
        features: features.map((name) => ({
          name,
          valueType: 'FLOAT64' as ValueType,
          description: null,
          tags: {},
        })),
        ttlMicros,
        source: { kind: sourceKind, uri: null, timestampField: 'event_ts', createdTimestampField: null },
        online: true,
        freshnessThresholdMicros: null,
        materializationSchedule: null,
        ...d,
      },
    },
  ];
}

export async function withProducer<T>(env: TestEnv, work: (p: Producer) => Promise<T>): Promise<T> {
  const producer = new Kafka({ brokers: env.kafkaBrokers, logLevel: logLevel.NOTHING }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    return await work(producer);
  } finally {
    await producer.disconnect();
  }
}

export async function publish(env: TestEnv, events: { eventType: string; event: any }[]) {
  await withProducer(env, async (p) => {
    for (const { eventType, event } of events)
      await p.send({
        topic: env.topic(wire.topicOf(eventType)),
        messages: [
          {
            key: event.meta.subject.id,
            value: wire.encode(eventType, event),
            headers: wire.headersOf(eventType, event),
          },
        ],
      });
  });
}
