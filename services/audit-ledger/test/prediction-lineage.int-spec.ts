import { useTestEnv } from '@provenant/testing';
import { chainLedger, cli } from './fixtures/chain-ledger';

/** Finds the first node (depth first) whose ref matches. */
const find = (n: any, ref: string): any =>
  n.ref === ref ? n : n.children.map((c: any) => find(c, ref)).find(Boolean);

describe('audit-ledger: prediction lineage', () => {
  afterAll(async () => {
    await chain.state.app?.close();
  });
  const env = useTestEnv();
  const chain = chainLedger(env);
  const { events, ids } = chain;
  beforeAll(() => chain.setup());

  it('goes from the prediction to the served values, their batches and sources', async () => {
    const { status, body } = await chain.get(`/lineage/prediction/${ids.predictionId}`);
    expect(status).toBe(200);
    expect(body.missing).toEqual([]);
    expect(body.root).toMatchObject({
      ref: `prediction:${ids.predictionId}`,
      eventId: events.prediction.eventId,
      leafIndex: await chain.leafOf(events.prediction.eventId),
      facts: { outputs: { score: 0.93 }, alias: 'champion' },
    });
    const request = find(body.root, `request:${ids.requestId}`);
    expect(request.eventId).toBe(events.served.eventId);
    const values = request.children.filter((c: any) => c.ref.startsWith('feature_view:'));
    expect(values.map((v: any) => v.facts)).toEqual([
      expect.objectContaining({
        feature: 'conv_rate',
        value: 0.5,
        eventTs: '2026-01-01T01:00:00.000000Z',
        batchId: ids.b1,
      }),
      expect.objectContaining({ feature: 'trips', value: 12, batchId: ids.b2 }),
    ]);
    const bulk = find(body.root, `batch:${ids.b1}`);
    expect(bulk).toMatchObject({
      eventId: events.bulk.eventId,
      facts: { source: 'BULK', sourceUri: ids.sourceUri },
    });
    expect(bulk.children[0].ref).toBe(`source:${ids.sourceUri}`);
    expect(find(body.root, `batch:${ids.b2}`).facts.sourceUri).toBe('provenant.feature-rows.v1/0/42');
  });

  it('goes from the prediction to the model version, run, data, code and environment', async () => {
    const { body } = await chain.get(`/lineage/prediction/${ids.predictionId}`);
    expect(find(body.root, `model:${ids.model}/1`)).toMatchObject({
      eventId: events.modelVersion.eventId,
      facts: { runId: ids.runId, artifactDigest: ids.artifact },
    });
    const run = find(body.root, `run:${ids.runId}`);
    expect(run.evidence.map((e: any) => e.eventId)).toEqual([
      events.runCompleted.eventId,
      events.runStarted.eventId,
    ]);
    expect(run.facts).toMatchObject({ params: { max_depth: '6' }, metrics: { auc: 0.91 } });
    expect(find(run, `commit:git:${ids.commit}`).facts).toMatchObject({
      repoUrl: 'https://git.example/fraud',
      dirty: false,
    });
    expect(find(run, `env:${ids.env}`)).toMatchObject({
      eventId: events.envCaptured.eventId,
      facts: { os: 'Debian GNU/Linux 12' },
    });
    const data = find(run, `dataset:fraud_train@${ids.trainDigest}`);
    expect(data.evidence.map((e: any) => e.eventType)).toEqual([
      'TrainingSetCreated',
      'DatasetVersionRegistered',
      'RunInputsLogged',
    ]);
    expect(data.children.map((c: any) => c.ref)).toEqual(['feature_view:driver_stats@v1']);
  });

  it('prints the tree with `npx provenant lineage prediction`, and JSON with --json', async () => {
    const base = ['lineage', 'prediction', ids.predictionId, '--url', chain.state.url];
    const text = await cli(base);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(
      new RegExp(`^prediction ${ids.predictionId} by ${ids.model}/1  \\[PredictionMade leaf \\d+\\]`),
    );
    expect(text.out).toMatch(/├─ features served for request req-\S+ {2}\[FeatureVectorServed leaf \d+\]/);
    expect(text.out).toMatch(new RegExp(`└─ ${'BULK source'} ${ids.sourceUri.replace(/[/.]/g, '\\$&')}`));
    expect(text.out).toMatch(/run \w+ \(FINISHED\) {2}\[RunCompleted leaf \d+, RunStarted leaf \d+\]/);
    const json = await cli([...base, '--json']);
    expect(JSON.parse(json.out).root.ref).toBe(`prediction:${ids.predictionId}`);
    const missing = await cli(['lineage', 'prediction', 'nope', '--url', chain.state.url]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/404: no PredictionMade for prediction:nope/);
  });

  it('prints upstream edges with `npx provenant lineage upstream`', async () => {
    const res = await cli([
      'lineage',
      'upstream',
      `model:${ids.model}/1`,
      '--depth',
      '1',
      '--url',
      chain.state.url,
      '--json',
    ]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out).edges.map((e: any) => e.from)).toContain(`run:${ids.runId}`);
    const bad = await cli(['lineage', 'upstream', 'x', '--url', chain.state.url]);
    expect(bad.err).toMatch(/400: ref must be a <kind>:<id> reference/);
  });
});
