import { contractsWireFormat, parseEventHeaders } from '@provenant/events';
import { provRef } from '@provenant/contracts';
import { PipelineEmitter } from '@provenant/sdk';
import { useTestEnv, waitFor } from '@provenant/testing';
import type { KafkaMessage } from 'kafkajs';

describe(PipelineEmitter.name, () => {
  const env = useTestEnv();

  it('publishes a PredictionMade that decodes, with CloudEvents headers, its lineage and the subject as key', async () => {
    const [topic] = await env().createTopics(['provenant.predictions.v1'], 1);
    const sut = new PipelineEmitter({
      brokers: env().kafkaBrokers,
      topicPrefix: env().topicPrefix,
      actor: { principal: 'nightly-scoring', kind: 'pipeline', roles: ['pipeline'] },
      producer: { name: 'sdk', version: '1.2.3' },
    });
    await sut.connect();
    const sent = await sut.emit(
      'PredictionMade',
      {
        predictionId: 'pred-1',
        requestId: 'req-9',
        modelName: 'fraud',
        modelVersion: 3,
        alias: 'champion',
        entityKey: { driver_id: 1001 },
        outputs: { score: { double: 0.93 } },
        inputDigest: null,
        latencyMicros: 1200,
      },
      {
        subject: { kind: 'prediction', id: 'pred-1' },
        used: [provRef.modelVersion('fraud', 3), provRef.request('req-9')],
        generated: [provRef.prediction('pred-1')],
      },
    );
    await sut.disconnect();

    const received: KafkaMessage[] = [];
    const consumer = env()
      .kafka('reader')
      .consumer({ groupId: env().topic('reader') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });
    await waitFor(() => received.length === 1, { timeoutMs: 20_000 });
    await consumer.disconnect();

    const [message] = received;
    const decoded = contractsWireFormat().decode(message.value!);
    expect(decoded.eventType).toBe('PredictionMade');
    expect(decoded.value).toEqual(sent);
    expect(decoded.value.meta.actor).toEqual({
      principal: 'nightly-scoring',
      kind: 'pipeline',
      roles: ['pipeline'],
    });
    expect(decoded.value.meta.used.map((r: any) => `${r.kind}:${r.id}`)).toEqual([
      'model:fraud/3',
      'request:req-9',
    ]);
    expect(message.key?.toString()).toBe('pred-1');
    const headers = parseEventHeaders(message.headers);
    expect(headers).toMatchObject({
      id: sent.meta.eventId,
      source: '/provenant/sdk',
      eventType: 'PredictionMade',
      subject: 'prediction:pred-1',
    });
  });
});
