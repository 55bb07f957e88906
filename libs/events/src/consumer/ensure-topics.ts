import type { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  /** Domain topics get a few partitions so a consumer group can scale out; keys keep per-subject order. */
  partitions?: number;
  /** Log compaction: keep the latest value per key (the schema catalog). */
  compacted?: boolean;
}

/** Creates missing topics (idempotent); existing topics are left as they are. */
export async function ensureTopics(kafka: Kafka, topics: TopicSpec[], defaultPartitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    // Two processes may race to create the same topic; the loser's "already exists" is fine.
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({
        topic: t.topic,
        numPartitions: t.partitions ?? defaultPartitions,
        configEntries: t.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
