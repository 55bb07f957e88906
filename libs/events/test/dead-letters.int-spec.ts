import type { DataSource } from 'typeorm';
import { EventConsumer, contractsWireFormat } from '@provenant/events';
import { useTestEnv, waitFor } from '@provenant/testing';
import { countEffects, createEventsSandbox, recordEffect } from '@provenant/testing';
import { runStarted } from './fixtures/probe-events';
import { header, readMessages } from './fixtures/kafka-helpers';

describe(`${EventConsumer.name} with bad messages`, () => {
  // Declared before useTestEnv(): afterAll hooks run in declaration order, and these must stop
  // before the test environment's database and topics are dropped.
  afterAll(async () => {
    await consumer?.stop();
    await dataSource?.destroy();
  });
  const env = useTestEnv();
  const wire = contractsWireFormat();
  let dataSource: DataSource;
  let consumer: EventConsumer;

  beforeAll(async () => {
    dataSource = await createEventsSandbox(env().databaseUrl);
  });

  it('dead-letters garbage, an unknown schema and a failing handler with their reasons, and processes the events behind them', async () => {
    const [topic] = await env().createTopics(['provenant.runs.v1'], 1);
    const dlq = env().topic('provenant.dlq.probe');
    const good = [runStarted(1), runStarted(2), runStarted(3)];
    const poison = runStarted(666, { runName: 'poison' });
    const unknownFingerprint = Buffer.concat([
      Buffer.from([0xc3, 0x01]),
      Buffer.alloc(8, 0xab),
      Buffer.from('datum'),
    ]);

    const producer = env().kafka().producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: 'run-1', value: wire.encode('RunStarted', good[0]) },
        { key: 'x', value: Buffer.from('definitely not avro') },
        { key: 'y', value: unknownFingerprint },
        { key: 'run-666', value: wire.encode('RunStarted', poison) },
        { key: 'run-2', value: wire.encode('RunStarted', good[1]) },
        { key: 'run-3', value: wire.encode('RunStarted', good[2]) },
      ],
    });
    await producer.disconnect();

    let poisonAttempts = 0;
    consumer = new EventConsumer({
      kafka: env().kafka(),
      dataSource,
      schema: 'probe',
      wire,
      group: env().topic('provenant.probe'),
      topics: [topic],
      deadLetterTopic: dlq,
      retryBaseMs: 10,
      maxAttempts: 3,
      handlers: new Map([
        [
          'RunStarted',
          async (event, ctx) => {
            if (event.runName === 'poison') {
              poisonAttempts++;
              throw new Error('model store rejected the run');
            }
            await recordEffect(ctx.manager, 'probe', event.meta.eventId, event.runId);
          },
        ],
      ]),
    });
    await consumer.start();

    await waitFor(async () => (await countEffects(dataSource)) === 3, { timeoutMs: 30_000 });
    const dead = await readMessages(env().kafka(), dlq, 3);
    const byReason = Object.fromEntries(dead.map((m) => [header(m, 'x-provenant-dlq-reason'), m]));

    expect(Object.keys(byReason).sort()).toEqual([
      'handler-failed',
      'malformed-event',
      'unknown-fingerprint',
    ]);
    expect(header(byReason['malformed-event'], 'x-provenant-dlq-offset')).toBe('1');
    expect(header(byReason['unknown-fingerprint'], 'x-provenant-dlq-error')).toMatch(/abababababababab/);
    const failed = byReason['handler-failed'];
    expect(header(failed, 'x-provenant-dlq-error')).toBe('model store rejected the run');
    expect(header(failed, 'x-provenant-dlq-attempts')).toBe('3');
    expect(header(failed, 'x-provenant-dlq-topic')).toBe(topic);
    expect(header(failed, 'x-provenant-dlq-group')).toBe(env().topic('provenant.probe'));
    expect(failed.value).toEqual(wire.encode('RunStarted', poison)); // the original bytes, replayable
    expect(poisonAttempts).toBeGreaterThanOrEqual(3);
    const subjects = (await dataSource.query('SELECT subject FROM probe.probe_effects ORDER BY subject')).map(
      (r: any) => r.subject,
    );
    expect(subjects).toEqual(['run-1', 'run-2', 'run-3']);
  });
});
