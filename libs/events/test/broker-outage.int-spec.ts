import type { DataSource } from 'typeorm';
import { EventConsumer, Outbox, OutboxRelay, contractsWireFormat } from '@provenant/events';
import { readOwnershipRecord, stackPaths, startService, stopService } from '@provenant/stack';
import { useTestEnv, waitFor } from '@provenant/testing';
import { countEffects, createEventsSandbox, recordEffects } from '@provenant/testing';
import { runStarted } from './fixtures/probe-events';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops the shared broker: integration tests run in band, so no other file is using it now. The
 * stack only ever stops a broker it started itself, so against an external broker (KAFKA_BROKERS
 * pointing at a broker someone else runs) this test is skipped; `npm test` on a fresh machine and
 * CI always run it, because there the stack starts the broker.
 */
const brokerOwnedByStack = readOwnershipRecord(stackPaths().ownershipRecord).services.kafka !== undefined;
const itWithOwnBroker = brokerOwnedByStack ? it : it.skip;

describe('Kafka broker away for 20 s', () => {
  // Declared before useTestEnv(): afterAll hooks run in declaration order, and these must stop
  // before the test environment's database and topics are dropped.
  afterAll(async () => {
    await startService('kafka'); // whatever happened, leave the broker up for the next file
    await consumer?.stop();
    await relay?.stop();
    await dataSource?.destroy();
  });
  const env = useTestEnv();
  const wire = contractsWireFormat();
  let dataSource: DataSource;
  let relay: OutboxRelay;
  let consumer: EventConsumer;

  beforeAll(async () => {
    dataSource = await createEventsSandbox(env().databaseUrl);
  });

  itWithOwnBroker(
    'loses nothing written while the broker was down, and doubles no effect',
    async () => {
      const [topic] = await env().createTopics(['provenant.runs.v1'], 3);
      const outbox = new Outbox(wire, { schema: 'probe', topicPrefix: env().topicPrefix });
      relay = new OutboxRelay({
        databaseUrl: env().databaseUrl,
        schema: 'probe',
        kafka: env().kafka('relay'),
      });
      consumer = new EventConsumer({
        kafka: env().kafka('consumer'),
        dataSource,
        schema: 'probe',
        wire,
        group: env().topic('provenant.probe'),
        topics: [topic],
        deadLetterTopic: env().topic('provenant.dlq.probe'),
        // A batch handler: one statement per run of events, in the transaction that claims their ids.
        handlers: new Map([
          [
            'RunStarted',
            {
              batch: (events) =>
                recordEffects(
                  events[0].ctx.manager,
                  'probe',
                  events.map(({ event }) => ({ eventId: event.meta.eventId, subject: event.runId })),
                ),
            },
          ],
        ]),
      });
      relay.start();
      await consumer.start();

      let written = 0;
      let writing = true;
      const writer = (async () => {
        while (writing) {
          const events = Array.from({ length: 20 }, () => ({
            eventType: 'RunStarted',
            event: runStarted(written++),
          }));
          await dataSource.transaction((manager) => outbox.publishAll(manager, events));
          await sleep(100);
        }
      })();

      await sleep(3_000);
      await stopService('kafka');
      const writtenAtStop = written;
      await sleep(20_000);
      const writtenDuringOutage = written - writtenAtStop;
      await startService('kafka');
      await sleep(3_000);
      writing = false;
      await writer;

      expect(writtenDuringOutage).toBeGreaterThan(1_000); // the writers never noticed the outage
      await waitFor(async () => (await countEffects(dataSource)) >= written, {
        timeoutMs: 90_000,
        description: `${written} effects`,
      });
      await sleep(1_000);
      expect(await countEffects(dataSource)).toBe(written);
      const [{ left }] = await dataSource.query('SELECT count(*)::int AS left FROM probe.outbox');
      expect(left).toBe(0);
    },
    180_000,
  );
});
