import type { Kafka } from 'kafkajs';
import { ensureTopics } from './ensure-topics';

/** A fake admin whose metadata answers follow a script, the way a KRaft broker lags after CreateTopics. */
function fakeKafka(existing: string[], metadataAnswers: Array<'unknown' | 'leaderless' | 'ready' | 'fatal'>) {
  const created: string[] = [];
  let calls = 0;
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    listTopics: async () => existing,
    createTopics: async ({ topics }: { topics: { topic: string }[] }) => {
      created.push(...topics.map((t) => t.topic));
      return true;
    },
    fetchTopicMetadata: async ({ topics }: { topics: string[] }) => {
      const answer = metadataAnswers[Math.min(calls++, metadataAnswers.length - 1)];
      if (answer === 'unknown')
        throw Object.assign(new Error('This server does not host this topic-partition'), { retriable: true });
      if (answer === 'fatal') throw Object.assign(new Error('Not authorized'), { retriable: false });
      const leader = answer === 'ready' ? 1 : -1;
      return { topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0, leader }] })) };
    },
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, created, metadataCalls: () => calls };
}

describe('ensureTopics', () => {
  it('waits through UNKNOWN_TOPIC_OR_PARTITION and leaderless answers until every partition has a leader', async () => {
    const fake = fakeKafka([], ['unknown', 'leaderless', 'ready']);
    await ensureTopics(fake.kafka, [{ topic: 'provenant.runs.v1' }]);
    expect(fake.created).toEqual(['provenant.runs.v1']);
    expect(fake.metadataCalls()).toBe(3);
  });

  it('creates only the missing topics and does not wait when none are missing', async () => {
    const fake = fakeKafka(['a'], ['ready']);
    await ensureTopics(fake.kafka, [{ topic: 'a' }]);
    expect(fake.created).toEqual([]);
    expect(fake.metadataCalls()).toBe(0);
  });

  it('gives up at once on an error the broker says will not go away', async () => {
    const fake = fakeKafka([], ['fatal']);
    await expect(ensureTopics(fake.kafka, [{ topic: 'b' }])).rejects.toThrow('Not authorized');
  });
});
