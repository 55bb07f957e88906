import type { Kafka } from 'kafkajs';
import type { Client } from 'pg';
import type { TestEnv } from '@provenant/testing';
import { result, type BenchResult } from '../../bench-result';
import { timed } from '../../bench-env';
import { produceAll, tagEvents } from './ledger-events';
import { startService } from '../../service-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Floor: a KafkaJS consumer group reading the same messages and doing nothing with them. */
async function rawConsume(kafka: Kafka, topic: string, group: string, n: number): Promise<number> {
  let seen = 0;
  const consumer = kafka.consumer({ groupId: group });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const { seconds } = await timed(async () => {
    await consumer.run({ eachBatch: async ({ batch }) => void (seen += batch.messages.length) });
    while (seen < n) await sleep(10);
  });
  await consumer.disconnect();
  return n / seconds;
}

/**
 * Sustained consume → append → tree: N events already on the topic, the ledger process started,
 * rate measured from its first appended leaf to its last (start-up and group join excluded).
 */
export async function consumeBench(env: TestEnv, db: Client, n: number, progress: (l: string) => void) {
  const [topic] = await env.createTopics(['provenant.runs.v1'], 3);
  progress(`producing ${n} events`);
  await produceAll(env.kafka('bench-producer'), topic, tagEvents(n));
  progress('raw KafkaJS consumer floor');
  const floor = await rawConsume(env.kafka('bench-raw'), topic, env.topic('raw-floor'), n);
  progress('audit-ledger consuming');
  // LEDGER_BENCH_CPU_PROF=DIR profiles the ledger (written when it stops, after the whole suite).
  const ledger = await startService('audit-ledger', env, {
    cpuProfDir: process.env.LEDGER_BENCH_CPU_PROF,
    env: { DATABASE_SCHEMA: 'ledger_bench', LEDGER_VERIFY_INTERVAL_MS: '0' },
  });
  const size = async () =>
    Number(
      (await db.query('SELECT coalesce(max(leaf_index) + 1, 0) AS n FROM ledger_bench.ledger_leaves')).rows[0]
        .n,
    );
  let first = 0;
  while ((first = await size()) === 0) await sleep(5);
  const start = process.hrtime.bigint();
  while ((await size()) < n) await sleep(20);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rate = (n - first) / seconds;
  const results: BenchResult[] = [
    result('consume → append → tree', rate, 'events/s', floor, '>= 20000 events/s'),
  ];
  return { results, ledger, stop: ledger.stop };
}
