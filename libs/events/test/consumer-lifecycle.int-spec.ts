import type { DataSource } from 'typeorm';
import { EventConsumer, contractsWireFormat, eventsMetrics } from '@provenant/events';
import { countEffects, createEventsSandbox, recordEffect, useTestEnv, waitFor } from '@provenant/testing';
import { runStarted } from './fixtures/probe-events';
import { TcpProxy } from './fixtures/tcp-proxy';
import { topicMessageCount } from './fixtures/kafka-helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`${EventConsumer.name} lifecycle`, () => {
  const stops: (() => Promise<unknown>)[] = [];
  // Declared before useTestEnv(): these must stop before the environment is dropped.
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });
  const env = useTestEnv();
  const wire = contractsWireFormat();

  async function produce(topic: string, from: number, count: number) {
    const producer = env().kafka('producer').producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: count }, (_, i) => ({
        key: `run-${from + i}`,
        value: wire.encode('RunStarted', runStarted(from + i)),
      })),
    });
    await producer.disconnect();
  }

  function consumer(dataSource: DataSource, topic: string, group: string) {
    const c = new EventConsumer({
      kafka: env().kafka(group),
      dataSource,
      schema: 'probe',
      wire,
      group: env().topic(group),
      topics: [topic],
      deadLetterTopic: env().topic(`provenant.dlq.${group}`),
      handlers: new Map([
        ['RunStarted', (e, ctx) => recordEffect(ctx.manager, 'probe', e.meta.eventId, e.runId)],
      ]),
    });
    stops.push(() => c.stop());
    return c;
  }

  it('waits while PostgreSQL is unreachable instead of dead-lettering, then handles every event once', async () => {
    const direct = await createEventsSandbox(env().databaseUrl);
    stops.push(() => direct.destroy());
    const url = new URL(env().databaseUrl);
    const proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    stops.push(() => proxy.cut());
    url.port = String(await proxy.start());
    const viaProxy = await createEventsSandbox(url.toString());
    stops.push(() => viaProxy.destroy());
    const [topic] = await env().createTopics(['provenant.runs.v1'], 1);

    await consumer(viaProxy, topic, 'db-outage').start();
    await produce(topic, 0, 50);
    await waitFor(async () => (await countEffects(direct)) === 50, {
      timeoutMs: 30_000,
      description: 'first 50 effects',
    });

    await proxy.cut();
    await produce(topic, 50, 50);
    await sleep(5_000); // longer than all retries with backoff would take
    expect(await countEffects(direct)).toBe(50);
    await proxy.start();

    await waitFor(async () => (await countEffects(direct)) === 100, {
      timeoutMs: 60_000,
      description: 'all 100 effects',
    });
    expect(await topicMessageCount(env().kafka(), env().topic('provenant.dlq.db-outage'))).toBe(0);
  });

  it('commits its offsets on a graceful stop, so a restart neither skips nor re-reads', async () => {
    const dataSource = await createEventsSandbox(env().databaseUrl, 'probe');
    stops.push(() => dataSource.destroy());
    const [topic] = await env().createTopics(['provenant.runs.v1.shutdown'], 1);
    await produce(topic, 1_000, 30);
    const before = await countEffects(dataSource);
    const first = consumer(dataSource, topic, 'shutdown');
    await first.start();
    await waitFor(async () => (await countEffects(dataSource)) === before + 30, {
      timeoutMs: 30_000,
      description: '30 more effects',
    });
    await first.stop();

    const admin = env().kafka('admin').admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId: env().topic('shutdown'), topics: [topic] });
    await admin.disconnect();
    expect(committed.partitions[0].offset).toBe('30'); // the next offset to read: all 30 done
  });

  it('keeps its group membership through a handler that runs longer than the session timeout', async () => {
    const dataSource = await createEventsSandbox(env().databaseUrl, 'probe');
    stops.push(() => dataSource.destroy());
    const [topic] = await env().createTopics(['provenant.runs.v1.slow'], 1);
    await produce(topic, 2_000, 2);
    let calls = 0;
    const slow = new EventConsumer({
      kafka: env().kafka('slow'),
      dataSource,
      schema: 'probe',
      wire,
      group: env().topic('slow'),
      topics: [topic],
      deadLetterTopic: env().topic('provenant.dlq.slow'),
      sessionTimeoutMs: 6_000,
      handlers: new Map([
        [
          'RunStarted',
          async (e, ctx) => {
            calls++;
            await sleep(9_000);
            await recordEffect(ctx.manager, 'probe', e.meta.eventId, e.runId);
          },
        ],
      ]),
    });
    stops.push(() => slow.stop());
    await slow.start();
    const before = await countEffects(dataSource);
    await waitFor(async () => (await countEffects(dataSource)) === before + 2, {
      timeoutMs: 40_000,
      description: 'both slow events committed',
    });
    await sleep(2_000); // a lost session shows as a rejoin once the batch's commit fails
    expect(calls).toBe(2);
    const joins = await eventsMetrics.groupJoins().get();
    const ours = joins.values.find((v) => v.labels.group === env().topic('slow'));
    expect(ours?.value).toBe(1); // no rebalance: the heartbeats kept the session alive
  }, 60_000);
});
