import type { DataSource } from 'typeorm';
import {
  EventCodec,
  EventConsumer,
  Outbox,
  OutboxRelay,
  SchemaCatalog,
  contractsWireFormat,
  type WireFormat,
} from '@provenant/events';
import { EVENT_META_SCHEMA, EVENT_SCHEMAS } from '@provenant/contracts';
import { countEffects, createEventsSandbox, useTestEnv, waitFor } from '@provenant/testing';
import { runStarted } from './fixtures/probe-events';

type AvroRecord = { name: string; fields: { name: string }[] };
const current = EVENT_SCHEMAS.RunStarted as unknown as AvroRecord;

/** The schema as it was before `environmentFingerprint` (nullable, default null) was added. */
const olderRunStarted = {
  ...current,
  fields: current.fields.filter((f) => f.name !== 'environmentFingerprint'),
};
/** A later schema with one more optional field, unknown to this build. */
const newerRunStarted = {
  ...current,
  fields: [...current.fields, { name: 'gpuCount', type: ['null', 'int'], default: null }],
};

const wireWith = (runStartedSchema: object) =>
  contractsWireFormat(
    new EventCodec({
      readers: { ...EVENT_SCHEMAS, RunStarted: runStartedSchema },
      eventMeta: EVENT_META_SCHEMA,
    }),
  );

describe('schema evolution between producer and consumer builds', () => {
  // Declared before useTestEnv(): afterAll hooks run in declaration order, and these must stop
  // before the test environment's database and topics are dropped.
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await dataSource?.destroy();
  });
  const env = useTestEnv();
  let dataSource: DataSource;
  const received: any[] = [];
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    dataSource = await createEventsSandbox(env().databaseUrl);
  });

  /** Publishes through the outbox and relay of a producer built with `wire`. */
  async function publishWith(wire: WireFormat, event: object) {
    const kafka = env().kafka('producer');
    const relay = new OutboxRelay({
      databaseUrl: env().databaseUrl,
      schema: 'probe',
      kafka,
      schemaCatalog: new SchemaCatalog(kafka, env().topic('provenant.schemas.v1'), wire),
    });
    relay.start();
    await dataSource.transaction((m) =>
      new Outbox(wire, { schema: 'probe', topicPrefix: env().topicPrefix }).publish(
        m,
        'RunStarted',
        event as any,
      ),
    );
    await relay.drain();
    await relay.stop();
  }

  it('a consumer of this build reads events from an older and from a newer producer', async () => {
    const [topic] = await env().createTopics(['provenant.runs.v1'], 1);
    const wire = contractsWireFormat();
    const consumer = new EventConsumer({
      kafka: env().kafka('consumer'),
      dataSource,
      schema: 'probe',
      wire,
      group: env().topic('provenant.probe'),
      topics: [topic],
      deadLetterTopic: env().topic('provenant.dlq.probe'),
      schemaCatalog: new SchemaCatalog(env().kafka('catalog'), env().topic('provenant.schemas.v1'), wire),
      handlers: new Map([['RunStarted', async (event: any) => void received.push(event)]]),
    });
    stops.push(() => consumer.stop());
    await consumer.start();

    const { environmentFingerprint: _dropped, ...older } = runStarted(1, {
      runName: 'from an older producer',
    });
    await publishWith(wireWith(olderRunStarted), older);
    await publishWith(wireWith(newerRunStarted), {
      ...runStarted(2, { runName: 'from a newer producer' }),
      gpuCount: 4,
    });

    await waitFor(() => received.length === 2, { timeoutMs: 30_000, description: 'both events handled' });
    expect(received[0]).toMatchObject({ runName: 'from an older producer', environmentFingerprint: null }); // default filled in
    expect(received[1]).toMatchObject({ runName: 'from a newer producer', runId: 'run-2' });
    expect(received[1]).not.toHaveProperty('gpuCount'); // read with this build's schema
    expect(await countEffects(dataSource)).toBe(0);
  });

  it('a consumer of an older build reads events from this build', async () => {
    const [topic] = await env().createTopics(['provenant.runs.v1.old-consumer'], 1);
    const oldWire = wireWith(olderRunStarted);
    const oldReceived: any[] = [];
    const consumer = new EventConsumer({
      kafka: env().kafka('old-consumer'),
      dataSource,
      schema: 'probe',
      wire: oldWire,
      group: env().topic('provenant.probe-old'),
      topics: [topic],
      deadLetterTopic: env().topic('provenant.dlq.probe-old'),
      schemaCatalog: new SchemaCatalog(
        env().kafka('old-catalog'),
        env().topic('provenant.schemas.v1'),
        oldWire,
      ),
      handlers: new Map([['RunStarted', async (event: any) => void oldReceived.push(event)]]),
    });
    stops.push(() => consumer.stop());
    await consumer.start();

    const wire = contractsWireFormat();
    const producer = env().kafka('current-producer').producer();
    await producer.connect();
    await new SchemaCatalog(env().kafka('current'), env().topic('provenant.schemas.v1'), wire).announce(
      producer,
      ['RunStarted'],
    );
    await producer.send({
      topic,
      messages: [
        {
          key: 'run-3',
          value: wire.encode('RunStarted', runStarted(3, { environmentFingerprint: 'sha256:ee' })),
        },
      ],
    });
    await producer.disconnect();

    await waitFor(() => oldReceived.length === 1, {
      timeoutMs: 30_000,
      description: 'old consumer handled the event',
    });
    expect(oldReceived[0]).toMatchObject({ runId: 'run-3' });
    expect(oldReceived[0]).not.toHaveProperty('environmentFingerprint');
  });
});
