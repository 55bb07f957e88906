import type { Admin, Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  /** Domain topics get a few partitions so a consumer group can scale out; keys keep per-subject order. */
  partitions?: number;
  /** Log compaction: keep the latest value per key (the schema catalog). */
  compacted?: boolean;
}

const LEADER_WAIT_MS = 30_000;

/** Creates missing topics (idempotent) and waits until every partition has a leader. */
export async function ensureTopics(kafka: Kafka, topics: TopicSpec[], defaultPartitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    // Two processes may race to create the same topic; the loser's "already exists" is fine.
    // KafkaJS's own waitForLeaders only retries LEADER_NOT_AVAILABLE, but a KRaft broker answers
    // UNKNOWN_TOPIC_OR_PARTITION until the new topic reaches its metadata cache (kafkajs#1222),
    // and that bailed out of service start-up. So we wait for leaders ourselves.
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((t) => ({
        topic: t.topic,
        numPartitions: t.partitions ?? defaultPartitions,
        configEntries: t.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      })),
    });
    await waitForLeaders(
      admin,
      missing.map((t) => t.topic),
    );
  } finally {
    await admin.disconnect();
  }
}

async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    let lastProblem: string;
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const leaderless = metadata.filter(
        (t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0),
      );
      if (leaderless.length === 0) return;
      lastProblem = `no leader yet for ${leaderless.map((t) => t.name).join(', ')}`;
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable) throw error;
      lastProblem = (error as Error).message;
    }
    if (Date.now() > deadline)
      throw new Error(`topics ${topics.join(', ')} not ready after ${LEADER_WAIT_MS} ms: ${lastProblem}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
