import type { INestApplication } from '@nestjs/common';
import { useTestEnv, waitFor } from '@provenant/testing';
import { getJson, produce, startLedger } from './fixtures/ledger-app';
import { lineageChain } from './fixtures/lineage-chain';

describe('audit-ledger: lineage queries', () => {
  let app: INestApplication;
  let url: string;
  const { events, ids } = lineageChain();
  const all = Object.values(events);
  afterAll(async () => {
    await app?.close();
  });
  const env = useTestEnv();
  const get = (path: string) => getJson(`${url}${path}`);
  const refs = (body: any) => body.nodes.map((n: any) => n.ref).sort();

  beforeAll(async () => {
    ({ app, url } = await startLedger(env()));
    await produce(env(), all);
    await waitFor(async () => (await get('/ledger/entries?limit=1000')).body.entries.length === all.length, {
      timeoutMs: 30_000,
    });
  });

  it('walks upstream from a prediction to its sources, data, code and environment', async () => {
    const { status, body } = await get(`/lineage/upstream/prediction:${ids.predictionId}`);
    expect(status).toBe(200);
    expect(refs(body)).toEqual(
      expect.arrayContaining([
        `prediction:${ids.predictionId}`,
        `request:${ids.requestId}`,
        `batch:${ids.b1}`,
        `source:${ids.sourceUri}`,
        `model:${ids.model}/1`,
        `run:${ids.runId}`,
        `dataset:fraud_train@${ids.trainDigest}`,
        `commit:git:${ids.commit}`,
        `env:${ids.env}`,
        'feature_view:driver_stats@v1',
      ]),
    );
    const edge = body.edges.find(
      (e: any) => e.to === `model:${ids.model}/1` && e.from === `run:${ids.runId}`,
    );
    expect(edge).toMatchObject({
      role: 'producer',
      eventId: events.modelVersion.eventId,
      eventType: 'ModelVersionRegistered',
    });
    const leaves = (await get('/ledger/entries?limit=1000')).body.entries;
    expect(leaves[edge.leafIndex].eventId).toBe(events.modelVersion.eventId);
  });

  it('limits the walk by depth', async () => {
    const { body } = await get(`/lineage/upstream/prediction:${ids.predictionId}?depth=1`);
    expect(refs(body)).toEqual(
      [`model:${ids.model}/1`, `prediction:${ids.predictionId}`, `request:${ids.requestId}`].sort(),
    );
    expect(body.edges.every((e: any) => e.depth === 1)).toBe(true);
  });

  it('walks downstream from a source to every model and prediction it influenced', async () => {
    const { body } = await get(`/lineage/downstream/${encodeURIComponent(`source:${ids.sourceUri}`)}`);
    expect(refs(body)).toEqual(
      expect.arrayContaining([`batch:${ids.b1}`, `model:${ids.model}/1`, `prediction:${ids.predictionId}`]),
    );
    const viaSlash = await get(`/lineage/downstream/model:${ids.model}/1`);
    expect(refs(viaSlash.body)).toContain(`prediction:${ids.predictionId}`);
  });

  it('answers as of a tree size: edges of later leaves are not there yet', async () => {
    const leaves = (await get('/ledger/entries?limit=1000')).body.entries;
    const modelLeaf = leaves.findIndex((e: any) => e.eventId === events.modelVersion.eventId);
    // Topics interleave, so the model's node may be unknown (404) or known only downstream then.
    const edgesAsOf = async (size: number) => {
      const res = await get(`/lineage/upstream/model:${ids.model}/1?treeSize=${size}`);
      return res.status === 404 ? [] : (res.body.edges as any[]);
    };
    const fromRun = (edges: any[]) => edges.some((e) => e.from === `run:${ids.runId}`);
    expect(fromRun(await edgesAsOf(modelLeaf))).toBe(false);
    const after = await edgesAsOf(modelLeaf + 1);
    expect(fromRun(after)).toBe(true);
    expect(after.every((e) => e.leafIndex <= modelLeaf)).toBe(true);
  });

  it('serves the Marquez graph shape', async () => {
    const nodeId = `dataset:provenant:model:${ids.model}/1`;
    const { status, body } = await get(`/api/v1/lineage?nodeId=${encodeURIComponent(nodeId)}&depth=1`);
    expect(status).toBe(200);
    const self = body.graph.find((n: any) => n.id === nodeId);
    expect(self).toMatchObject({
      type: 'DATASET',
      data: { id: { namespace: 'provenant', name: `model:${ids.model}/1` } },
    });
    expect(self.inEdges).toContainEqual({ origin: `job:provenant:run:${ids.runId}`, destination: nodeId });
    expect(self.outEdges).toContainEqual({
      origin: nodeId,
      destination: `dataset:provenant:prediction:${ids.predictionId}`,
    });
    expect(body.graph.find((n: any) => n.id === `job:provenant:run:${ids.runId}`)?.type).toBe('JOB');
  });

  it('answers 400 naming the parameter, 404 for an unknown node', async () => {
    const cases: [string, RegExp][] = [
      ['/lineage/upstream/no-colon', /ref/],
      [`/lineage/upstream/run:${ids.runId}?depth=0`, /depth/],
      [`/lineage/upstream/run:${ids.runId}?depth=abc`, /depth/],
      [`/lineage/upstream/run:${ids.runId}?treeSize=99999`, /treeSize/],
      [`/lineage/upstream/run:${ids.runId}?treeSize=-1`, /treeSize/],
      ['/api/v1/lineage', /nodeId/],
      ['/api/v1/lineage?nodeId=dataset:no-name', /nodeId/],
    ];
    for (const [path, field] of cases) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(res.body.message)).toMatch(field);
    }
    expect((await get('/lineage/upstream/run:never-seen')).status).toBe(404);
  });
});
