import type { INestApplication } from '@nestjs/common';
import { useTestEnv, waitFor } from '@provenant/testing';
import { collectEvents } from './fixtures/registry-app';
import { httpTo, publish, startRegistryWithConsumer, TOKENS, type Http } from './fixtures/model-registry-app';
import { trainingSetCreated } from './fixtures/training-set-events';

describe('registry: training sets from the feature store become dataset versions', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let http: Http;
  let datasets: Awaited<ReturnType<typeof collectEvents>>;
  let dlq: Awaited<ReturnType<typeof collectEvents>>;
  const registered = () => datasets.events.filter((e) => e.eventType === 'DatasetVersionRegistered');
  const versionsOf = async (name: string) => {
    const res = await http('GET', `/api/provenant/datasets/${name}/versions`, undefined, TOKENS.auditor);
    return res.status === 404 ? [] : (res.body.versions as any[]);
  };

  beforeAll(async () => {
    let url: string;
    ({ app, url } = await startRegistryWithConsumer(env()));
    http = httpTo(url);
    datasets = await collectEvents(env(), 'provenant.datasets.v1');
    dlq = await collectEvents(env(), 'provenant.dlq.provenant.registry');
  });

  afterAll(async () => {
    await datasets?.stop();
    await dlq?.stop();
    await app?.close();
  });

  it('registers a TrainingSetCreated as a TRAINING_SET version with its digest and id, once', async () => {
    const first = trainingSetCreated('fraud_training', 'rows v1');
    // Delivered twice (the same event) and republished (a new event id for the same training set).
    const again = {
      ...first,
      event: { ...first.event, meta: { ...first.event.meta, eventId: crypto.randomUUID() } },
    };
    await publish(env(), [first, first, again]);
    await waitFor(async () => (await versionsOf('fraud_training')).length > 0, {
      timeoutMs: 30_000,
      description: 'the training set registered',
    });
    const read = await http(
      'GET',
      '/api/provenant/datasets/fraud_training/versions/1',
      undefined,
      TOKENS.auditor,
    );
    expect(read.body).toMatchObject({
      name: 'fraud_training',
      version: 1,
      digest: first.event.digest,
      origin: 'TRAINING_SET',
      training_set_id: first.event.trainingSetId,
      path: null,
      created_by: 'alice',
      manifest: [],
    });

    await datasets.until(4); // three TrainingSetCreated + one DatasetVersionRegistered
    const marker = trainingSetCreated('marker', 'marker'); // everything before it has been handled
    await publish(env(), [marker]);
    await waitFor(async () => (await versionsOf('marker')).length === 1, {
      timeoutMs: 30_000,
      description: 'marker',
    });
    expect(await versionsOf('fraud_training')).toHaveLength(1);
    await waitFor(() => registered().length === 2, { timeoutMs: 30_000, description: 'two registrations' });
    const event = registered().find((e) => e.value.datasetName === 'fraud_training')!;
    expect(event).toMatchObject({
      key: 'fraud_training',
      value: {
        version: 1,
        digest: first.event.digest,
        origin: 'TRAINING_SET',
        trainingSetId: first.event.trainingSetId,
        previousVersion: null,
        meta: {
          actor: { principal: 'alice' },
          causationId: first.event.meta.eventId,
          correlationId: first.event.meta.correlationId,
          subject: { kind: 'dataset', id: 'fraud_training' },
        },
      },
    });
    // The same lineage node as the materializer's `generated` reference.
    expect(event.value.meta.generated).toEqual(
      first.event.meta.generated.map((r: { role: string | null }) => ({ ...r, role: null })),
    );
  });

  it('versions a rebuilt training set after the first, citing the previous version', async () => {
    const rebuilt = trainingSetCreated('fraud_training', 'rows v2');
    await publish(env(), [rebuilt]);
    await waitFor(async () => (await versionsOf('fraud_training')).length === 2, {
      timeoutMs: 30_000,
      description: 'version 2',
    });
    await waitFor(() => registered().length === 3, { timeoutMs: 30_000, description: 'its event' });
    const v2 = registered()[2].value;
    expect(v2).toMatchObject({ version: 2, previousVersion: 1, trainingSetId: rebuilt.event.trainingSetId });
    expect(v2.meta.used).toEqual([expect.objectContaining({ kind: 'dataset', role: 'previous' })]);
  });

  it('dead-letters a malformed training set naming the field, and registers nothing', async () => {
    const bad = trainingSetCreated('broken', 'x', { digest: 'md5:abc' });
    await publish(env(), [bad]);
    await dlq.until(1);
    expect(dlq.events[0].value.meta.eventId).toBe(bad.event.meta.eventId);
    expect(await versionsOf('broken')).toEqual([]);
  });
});
