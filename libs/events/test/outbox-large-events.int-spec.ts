import type { DataSource } from 'typeorm';
import { Outbox, OutboxRelay, contractsWireFormat } from '@provenant/events';
import { createEventsSandbox, useTestEnv } from '@provenant/testing';
import { runStarted } from './fixtures/probe-events';
import { readMessages, topicMessageCount } from './fixtures/kafka-helpers';

describe('outbox relay with large events', () => {
  // Declared before useTestEnv(): afterAll hooks run in declaration order.
  afterAll(async () => {
    await relay?.stop();
    await dataSource?.destroy();
  });
  const env = useTestEnv();
  let dataSource: DataSource;
  let relay: OutboxRelay | undefined;

  // Six ~216 kB events (the size of a served vector of 100 entities × 50 features) about one run,
  // so one partition: one send of all of them is ~1.3 MB, over the broker's 1 MB
  // message.max.bytes. That send was refused and retried as the same batch forever, and nothing
  // behind it in the outbox was published either. Five of them (1.08 MB) are still too many.
  it('publishes events whose batch would exceed the broker limit, in order, and what follows them', async () => {
    dataSource = await createEventsSandbox(env().databaseUrl);
    const [topic] = await env().createTopics(['provenant.runs.v1'], 3);
    const outbox = new Outbox(contractsWireFormat(), { schema: 'probe', topicPrefix: env().topicPrefix });
    const big = (i: number) =>
      runStarted(1, { runName: `${i} ${'x'.repeat(216_000)}`, startTime: 1_764_000_000_000_000 + i });
    await dataSource.transaction((m) =>
      outbox.publishAll(m, [
        ...Array.from({ length: 6 }, (_, i) => ({ eventType: 'RunStarted', event: big(i) })),
        { eventType: 'RunStarted', event: runStarted(2) },
      ]),
    );
    relay = new OutboxRelay({ databaseUrl: env().databaseUrl, schema: 'probe', kafka: env().kafka() });
    relay.start();
    await relay.drain(30_000);
    expect(await topicMessageCount(env().kafka(), topic)).toBe(7);
    const wire = contractsWireFormat();
    const names = (await readMessages(env().kafka(), topic, 7))
      .map((m) => wire.decode(m.value!).value as { runId: string; runName: string })
      .filter((e) => e.runId === 'run-1')
      .map((e) => e.runName.split(' ')[0]);
    expect(names).toEqual(['0', '1', '2', '3', '4', '5']);
  }, 60_000);

  it('parks an event Kafka refuses even alone in outbox_rejected, with the reason, and publishes the next', async () => {
    // The relay and topic of the test above; its outbox is empty now.
    const outbox = new Outbox(contractsWireFormat(), { schema: 'probe', topicPrefix: env().topicPrefix });
    const huge = runStarted(3, { runName: 'y'.repeat(1_100_000) });
    const next = runStarted(4);
    await dataSource.transaction((m) =>
      outbox.publishAll(m, [
        { eventType: 'RunStarted', event: huge },
        { eventType: 'RunStarted', event: next },
      ]),
    );
    await relay!.drain(30_000);
    const parked = await dataSource.query('SELECT event_id, reason FROM probe.outbox_rejected');
    expect(parked).toEqual([
      { event_id: huge.meta.eventId, reason: expect.stringMatching(/larger than the max message size/) },
    ]);
    const wire = contractsWireFormat();
    const ids = (await readMessages(env().kafka(), env().topic('provenant.runs.v1'), 8)).map(
      (m) => (wire.decode(m.value!).value as any).meta.eventId,
    );
    expect(ids).toContain(next.meta.eventId);
    expect(ids).not.toContain(huge.meta.eventId);
  }, 60_000);
});
