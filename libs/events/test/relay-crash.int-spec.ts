import type { DataSource } from 'typeorm';
import { EventConsumer, Outbox, contractsWireFormat } from '@provenant/events';
import { useTestEnv, waitFor } from '@provenant/testing';
import { countEffects, createEventsSandbox, recordEffect } from '@provenant/testing';
import { runStarted } from './fixtures/probe-events';
import { topicMessageCount } from './fixtures/kafka-helpers';
import { spawnTs, waitForLines } from './fixtures/spawn-ts';

const EVENTS = 10_000;

describe('outbox relay killed mid-stream', () => {
  // Declared before useTestEnv(): afterAll hooks run in declaration order, and these must stop
  // before the test environment's database and topics are dropped.
  afterAll(async () => {
    await consumer?.stop();
    await dataSource?.destroy();
  });
  const env = useTestEnv();
  const wire = contractsWireFormat();
  let dataSource: DataSource;
  let consumer: EventConsumer | undefined;

  beforeAll(async () => {
    dataSource = await createEventsSandbox(env().databaseUrl);
  });

  const outboxSize = async () =>
    (await dataSource.query('SELECT count(*)::int AS n FROM probe.outbox'))[0].n as number;

  it(`delivers all ${EVENTS} events exactly once in effect after a SIGKILL and a restart`, async () => {
    const [topic] = await env().createTopics(['provenant.runs.v1'], 3);
    const outbox = new Outbox(wire, { schema: 'probe', topicPrefix: env().topicPrefix });
    for (let start = 0; start < EVENTS; start += 1_000) {
      const events = Array.from({ length: 1_000 }, (_, i) => ({
        eventType: 'RunStarted',
        event: runStarted(start + i),
      }));
      await dataSource.transaction((manager) => outbox.publishAll(manager, events));
    }
    const relayEnv = {
      DATABASE_URL: env().databaseUrl,
      OUTBOX_SCHEMA: 'probe',
      KAFKA_BROKERS: env().kafkaBrokers.join(','),
    };

    const first = spawnTs('libs/events/test/fixtures/relay-process.ts', {
      ...relayEnv,
      RELAY_BATCH_SIZE: '50',
    });
    await waitForLines(first, /^batch /, 5);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const leftAfterKill = await outboxSize();
    expect(leftAfterKill).toBeGreaterThan(0); // really killed mid-stream
    expect(leftAfterKill).toBeLessThan(EVENTS);
    expect(await topicMessageCount(env().kafka(), topic)).toBeGreaterThan(0);

    const second = spawnTs('libs/events/test/fixtures/relay-process.ts', {
      ...relayEnv,
      RELAY_BATCH_SIZE: '500',
    });
    try {
      await waitFor(async () => (await outboxSize()) === 0, {
        timeoutMs: 60_000,
        description: 'outbox drained',
      });
    } finally {
      second.kill('SIGTERM');
    }
    expect(await topicMessageCount(env().kafka(), topic)).toBeGreaterThanOrEqual(EVENTS);

    consumer = new EventConsumer({
      kafka: env().kafka(),
      dataSource,
      schema: 'probe',
      wire,
      group: env().topic('provenant.probe'),
      topics: [topic],
      deadLetterTopic: env().topic('provenant.dlq.probe'),
      handlers: new Map([
        ['RunStarted', (e, ctx) => recordEffect(ctx.manager, 'probe', e.meta.eventId, e.runId)],
      ]),
    });
    await consumer.start();
    await waitFor(async () => (await countEffects(dataSource)) >= EVENTS, {
      timeoutMs: 60_000,
      description: 'all effects',
    });
    await new Promise((r) => setTimeout(r, 1_000)); // a late duplicate would show up here
    expect(await countEffects(dataSource)).toBe(EVENTS);
    const [{ n }] = await dataSource.query(
      `SELECT count(DISTINCT subject)::int AS n FROM probe.probe_effects`,
    );
    expect(n).toBe(EVENTS);
  });
});
