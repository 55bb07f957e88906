import type { Client } from 'pg';
import type { TestEnv } from '@provenant/testing';
import { percentile, result, type BenchResult } from '../../bench-result';
import { tagEvents } from './ledger-events';
import { Partitioners } from 'kafkajs';

/**
 * Event produced → covered by a signed checkpoint: events sent one by one at ~`rate`/s to a
 * caught-up ledger; each event's latency is the signing time of the first checkpoint whose tree
 * includes its leaf, minus the time it was handed to Kafka (same host, same clock).
 */
export async function checkpointLatencyBench(
  env: TestEnv,
  db: Client,
  count: number,
  rate: number,
): Promise<BenchResult[]> {
  const producer = env.kafka('bench-latency').producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const events = tagEvents(count);
  const sentAt: number[] = [];
  for (const e of events) {
    sentAt.push(Date.now());
    await producer.send({ topic: env.topic('provenant.runs.v1'), acks: -1, messages: [e] });
    await new Promise((r) => setTimeout(r, 1000 / rate));
  }
  await producer.disconnect();
  const ids = events.map((e) => e.eventId);
  const query = `
    SELECT l.event_id, (SELECT extract(epoch FROM min(c.signed_at)) * 1000 FROM ledger_bench.ledger_checkpoints c
                         WHERE c.tree_size > l.leaf_index) AS covered_ms
      FROM ledger_bench.ledger_leaves l WHERE l.event_id = ANY($1::uuid[])`;
  let rows: { event_id: string; covered_ms: number | null }[] = [];
  for (let i = 0; i < 100; i++) {
    rows = (await db.query(query, [ids])).rows;
    if (rows.length === count && rows.every((r) => r.covered_ms !== null)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const covered = new Map(rows.map((r) => [r.event_id, Number(r.covered_ms)]));
  const latencies = ids.map((id, i) => covered.get(id)! - sentAt[i]);
  return [
    result('produced → signed checkpoint p50', percentile(latencies, 50), 'ms', null, 'p99 <= 2000 ms'),
    result('produced → signed checkpoint p99', percentile(latencies, 99), 'ms', null, 'p99 <= 2000 ms'),
  ];
}
