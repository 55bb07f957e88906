import { useTestEnv } from '@provenant/testing';
import { countByType, publishedRunEvents } from './run-events';
import { AUDITOR, startTracker, type TrackerUnderTest } from './tracker-app';

const API = '/api/2.0/mlflow';

describe('tracker MLflow REST API', () => {
  const env = useTestEnv();
  let t: TrackerUnderTest;
  let experimentId: string;
  const newRun = async (extra: object = {}) =>
    (await t.call('POST', `${API}/runs/create`, { experiment_id: experimentId, ...extra })).body.run.info
      .run_id as string;
  const getRun = async (runId: string) => (await t.call('GET', `${API}/runs/get?run_id=${runId}`)).body.run;

  beforeAll(async () => {
    t = await startTracker(env());
    experimentId = (
      await t.call('POST', `${API}/experiments/create`, { name: 'rest', tags: [{ key: 'team', value: 'x' }] })
    ).body.experiment_id;
  });
  afterAll(() => t?.app.close());

  describe('experiments', () => {
    it('creates, finds by id and name, renames, deletes with its runs and restores', async () => {
      const id = (await t.call('POST', `${API}/experiments/create`, { name: 'life' })).body.experiment_id;
      const runId = await newRun({ experiment_id: id });
      expect(
        (await t.call('GET', `${API}/experiments/get-by-name?experiment_name=life`)).body.experiment,
      ).toMatchObject({
        experiment_id: id,
        name: 'life',
        artifact_location: `mlflow-artifacts:/${id}`,
        lifecycle_stage: 'active',
      });
      expect(
        (await t.call('POST', `${API}/experiments/update`, { experiment_id: id, new_name: 'life2' })).status,
      ).toBe(200);
      expect((await t.call('POST', `${API}/experiments/delete`, { experiment_id: id })).status).toBe(200);
      expect(
        (await t.call('GET', `${API}/experiments/get?experiment_id=${id}`)).body.experiment,
      ).toMatchObject({ name: 'life2', lifecycle_stage: 'deleted' });
      expect((await getRun(runId)).info.lifecycle_stage).toBe('deleted');
      const refused = await t.call('POST', `${API}/runs/create`, { experiment_id: id });
      expect(refused).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
      await t.call('POST', `${API}/experiments/restore`, { experiment_id: id });
      expect((await getRun(runId)).info.lifecycle_stage).toBe('active');
    });

    it('answers MLflow error codes and statuses', async () => {
      expect(await t.call('POST', `${API}/experiments/create`, { name: 'rest' })).toMatchObject({
        status: 400,
        body: { error_code: 'RESOURCE_ALREADY_EXISTS' },
      });
      expect(await t.call('GET', `${API}/experiments/get?experiment_id=999999`)).toMatchObject({
        status: 404,
        body: { error_code: 'RESOURCE_DOES_NOT_EXIST' },
      });
      expect(await t.call('GET', `${API}/experiments/get-by-name?experiment_name=nope`)).toMatchObject({
        status: 404,
        body: { error_code: 'RESOURCE_DOES_NOT_EXIST' },
      });
      expect(await t.call('POST', `${API}/experiments/create`, {})).toMatchObject({
        status: 400,
        body: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining("'name'") },
      });
      expect(await t.call('GET', `${API}/runs/get?run_id=0123`)).toMatchObject({
        status: 404,
        body: { error_code: 'RESOURCE_DOES_NOT_EXIST' },
      });
      expect(await t.call('POST', `${API}/no/such`, {})).toMatchObject({
        status: 404,
        body: { error_code: 'ENDPOINT_NOT_FOUND' },
      });
    });

    it('searches experiments by name and tag', async () => {
      const res = await t.call('POST', `${API}/experiments/search`, {
        filter: "name LIKE 're%' AND tags.team = 'x'",
      });
      expect(res.body.experiments.map((e: any) => e.name)).toEqual(['rest']);
    });
  });

  describe('auth', () => {
    it('needs a token, and scientist or pipeline to write', async () => {
      expect(await t.call('POST', `${API}/runs/create`, { experiment_id: experimentId }, null)).toMatchObject(
        { status: 401, body: { error_code: 'UNAUTHENTICATED' } },
      );
      const denied = await t.call('POST', `${API}/runs/create`, { experiment_id: experimentId }, AUDITOR);
      expect(denied).toMatchObject({
        status: 403,
        body: { error_code: 'PERMISSION_DENIED', message: expect.stringMatching(/scientist or pipeline/) },
      });
      expect(
        (await t.call('POST', `${API}/runs/search`, { experiment_ids: [experimentId] }, AUDITOR)).status,
      ).toBe(200);
    });
  });

  describe('logging', () => {
    it('keeps params immutable: the same value again is fine, a new one is refused', async () => {
      const runId = await newRun();
      expect(
        (await t.call('POST', `${API}/runs/log-parameter`, { run_id: runId, key: 'lr', value: '0.1' }))
          .status,
      ).toBe(200);
      expect(
        (await t.call('POST', `${API}/runs/log-parameter`, { run_id: runId, key: 'lr', value: '0.1' }))
          .status,
      ).toBe(200);
      const changed = await t.call('POST', `${API}/runs/log-parameter`, {
        run_id: runId,
        key: 'lr',
        value: '0.2',
      });
      expect(changed).toMatchObject({
        status: 400,
        body: {
          error_code: 'INVALID_PARAMETER_VALUE',
          message: expect.stringContaining('Changing param values is not allowed'),
        },
      });
    });

    it('writes nothing of a batch that fails, whether in validation or on a param conflict', async () => {
      const runId = await newRun();
      await t.call('POST', `${API}/runs/log-parameter`, { run_id: runId, key: 'p', value: 'a' });
      const conflict = await t.call('POST', `${API}/runs/log-batch`, {
        run_id: runId,
        metrics: [{ key: 'm', value: 1, timestamp: 1 }],
        params: [{ key: 'p', value: 'b' }],
        tags: [{ key: 't', value: 'v' }],
      });
      expect(conflict.status).toBe(400);
      const badName = await t.call('POST', `${API}/runs/log-batch`, {
        run_id: runId,
        metrics: [
          { key: 'ok', value: 1, timestamp: 1 },
          { key: '../x', value: 1, timestamp: 1 },
        ],
      });
      expect(badName).toMatchObject({
        status: 400,
        body: { message: expect.stringContaining('metrics[1].key') },
      });
      const boolValue = await t.call('POST', `${API}/runs/log-batch`, {
        run_id: runId,
        metrics: [{ key: 'b', value: true, timestamp: 1 }],
      });
      expect(boolValue).toMatchObject({
        status: 400,
        body: { message: expect.stringContaining('metrics[0].value') },
      });
      const run = await getRun(runId);
      expect(run.data.metrics).toEqual([]);
      expect(run.data.tags.map((x: any) => x.key)).toEqual(['mlflow.runName']);
    });

    it('accepts MLflow limits and refuses one more', async () => {
      const runId = await newRun();
      const metrics = (n: number) =>
        Array.from({ length: n }, (_, i) => ({ key: `m${i % 10}`, value: i, timestamp: 1000 + i, step: i }));
      const kv = (n: number, p: string) =>
        Array.from({ length: n }, (_, i) => ({ key: `${p}${i}`, value: 'v' }));
      expect(
        (
          await t.call('POST', `${API}/runs/log-batch`, {
            run_id: runId,
            metrics: metrics(800),
            params: kv(100, 'p'),
            tags: kv(100, 't'),
          })
        ).status,
      ).toBe(200);
      expect(
        (await t.call('POST', `${API}/runs/log-batch`, { run_id: runId, metrics: metrics(1000) })).status,
      ).toBe(200);
      for (const body of [
        { metrics: metrics(1001) },
        { params: kv(101, 'q') },
        { tags: kv(101, 'u') },
        { metrics: metrics(901), tags: kv(100, 'u') },
      ])
        expect(await t.call('POST', `${API}/runs/log-batch`, { run_id: runId, ...body })).toMatchObject({
          status: 400,
          body: { error_code: 'INVALID_PARAMETER_VALUE' },
        });
      const huge = await t.call('POST', `${API}/runs/log-batch`, {
        run_id: runId,
        tags: Array.from({ length: 100 }, (_, i) => ({ key: `big${i}`, value: 'x'.repeat(4999) })).concat(
          kv(0, ''),
        ),
        params: Array.from({ length: 100 }, (_, i) => ({ key: `bigp${i}`, value: 'y'.repeat(5999) })),
      });
      expect(huge).toMatchObject({
        status: 400,
        body: { message: expect.stringContaining('1000000 bytes') },
      });
      const run = await getRun(runId);
      expect(run.data.params).toHaveLength(100);
      // The latest value per key is the one at the highest step.
      expect(run.data.metrics.find((m: any) => m.key === 'm9')).toEqual({
        key: 'm9',
        value: 999,
        timestamp: 1999,
        step: 999,
      });
      const history = await t.call(
        'GET',
        `/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=m3&max_results=150`,
      );
      expect(history.body.metrics).toHaveLength(150);
      expect(history.body.metrics.slice(0, 3).map((m: any) => m.step)).toEqual([3, 13, 23]);
      const rest = await t.call(
        'GET',
        `/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=m3&max_results=150&page_token=${history.body.next_page_token}`,
      );
      expect(rest.body.metrics).toHaveLength(30);
      expect(rest.body.next_page_token).toBeUndefined();
    });

    it('sets and deletes tags, logs inputs, refuses writes to a deleted run', async () => {
      const runId = await newRun();
      await t.call('POST', `${API}/runs/set-tag`, { run_id: runId, key: 'k', value: 'v' });
      expect((await t.call('POST', `${API}/runs/delete-tag`, { run_id: runId, key: 'k' })).status).toBe(200);
      expect(await t.call('POST', `${API}/runs/delete-tag`, { run_id: runId, key: 'k' })).toMatchObject({
        status: 404,
      });
      const dataset = { name: 'iris', digest: 'abc123', source_type: 'local', source: '{"uri":"/d"}' };
      await t.call('POST', `${API}/runs/log-inputs`, {
        run_id: runId,
        datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset }],
      });
      expect((await getRun(runId)).inputs.dataset_inputs).toEqual([
        { tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset },
      ]);
      await t.call('POST', `${API}/runs/delete`, { run_id: runId });
      expect(
        await t.call('POST', `${API}/runs/set-tag`, { run_id: runId, key: 'k', value: 'v' }),
      ).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
      await t.call('POST', `${API}/runs/restore`, { run_id: runId });
      expect(
        (await t.call('POST', `${API}/runs/set-tag`, { run_id: runId, key: 'k', value: 'v' })).status,
      ).toBe(200);
    });
  });

  it('stores artifacts by content, serves them with their digest, and refuses paths outside the root', async () => {
    const runId = await newRun();
    const base = `${t.url}/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts`;
    const put = (path: string, body: string, token = 'dev-pipeline-token') =>
      fetch(`${base}/${path}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    expect((await put('cfg/a.json', '{"a":1}')).status).toBe(200);
    expect((await put('cfg/b.json', '{"a":1}')).status).toBe(200);
    expect((await put('x.json', '{}', AUDITOR)).status).toBe(403);
    const got = await fetch(`${base}/cfg/a.json`, { headers: { authorization: `Bearer ${AUDITOR}` } });
    expect(await got.text()).toBe('{"a":1}');
    expect(got.headers.get('digest')).toBe(
      `sha-256=${require('node:crypto').createHash('sha256').update('{"a":1}').digest('base64')}`,
    );
    const listed = await t.call('GET', `${API}/artifacts/list?run_id=${runId}&path=cfg`);
    expect(listed.body).toEqual({
      root_uri: `mlflow-artifacts:/${experimentId}/${runId}/artifacts`,
      files: [
        { path: 'cfg/a.json', is_dir: false, file_size: 7 },
        { path: 'cfg/b.json', is_dir: false, file_size: 7 },
      ],
    });
    expect(
      await t.call('GET', `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/nope`),
    ).toMatchObject({ status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
    // %2F survives URL normalisation, so the server sees `a/../../../escape` after decoding.
    expect((await put('a%2F..%2F..%2F..%2Fescape', 'x')).status).toBe(400);
  });

  it('publishes one RunMetricsLogged per request, never one per point', async () => {
    const before = countByType(await publishedRunEvents(env()));
    const runId = await newRun();
    const metrics = Array.from({ length: 500 }, (_, i) => ({ key: 'loss', value: i, timestamp: i, step: i }));
    await t.call('POST', `${API}/runs/log-batch`, {
      run_id: runId,
      metrics,
      params: [{ key: 'a', value: '1' }],
    });
    await t.call('POST', `${API}/runs/update`, { run_id: runId, status: 'FINISHED' });
    const events = await publishedRunEvents(env());
    const after = countByType(events);
    expect(after.RunMetricsLogged - (before.RunMetricsLogged ?? 0)).toBe(1);
    expect(after.RunParamsLogged - (before.RunParamsLogged ?? 0)).toBe(1);
    const done = events.find((e) => e.eventType === 'RunCompleted' && e.value.runId === runId)!;
    expect(done.key).toBe(runId);
    expect(done.value).toMatchObject({
      status: 'FINISHED',
      params: { a: '1' },
      metrics: { loss: 499 },
      meta: { actor: { principal: 'dev-scientist' } },
    });
  });
});
