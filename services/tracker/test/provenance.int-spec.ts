import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, useTestEnv } from '@provenant/testing';
import { countByType, publishedRunEvents } from './run-events';
import { SCIENTIST, startTracker, type TrackerUnderTest } from './tracker-app';

const API = '/api/2.0/mlflow';
const ENV = `sha256:${'e'.repeat(64)}`;
const DIFF = `sha256:${'d'.repeat(64)}`;

const cli = (args: string[], trackerUrl: string) =>
  runCli(args, { PROVENANT_TRACKER_URL: trackerUrl, PROVENANT_TOKEN: SCIENTIST });

describe('run provenance, comparison and export', () => {
  const env = useTestEnv();
  let t: TrackerUnderTest;
  let parent: string;
  let child: string;

  beforeAll(async () => {
    t = await startTracker(env());
    const exp = (await t.call('POST', `${API}/experiments/create`, { name: 'prov' })).body.experiment_id;
    const create = async (name: string, tags: { key: string; value: string }[]) =>
      (
        await t.call('POST', `${API}/runs/create`, {
          experiment_id: exp,
          run_name: name,
          start_time: 1,
          tags,
        })
      ).body.run.info.run_id as string;
    parent = await create('parent', [
      { key: 'mlflow.source.git.commit', value: 'abc1234' },
      { key: 'provenant.source.git.dirty', value: 'true' },
      { key: 'provenant.source.git.diff_digest', value: DIFF },
      { key: 'provenant.env.fingerprint', value: ENV },
    ]);
    child = await create('child', [{ key: 'mlflow.parentRunId', value: parent }]);
    await t.call('POST', `${API}/runs/log-batch`, {
      run_id: parent,
      params: [
        { key: 'lr', value: '0.1' },
        { key: 'depth', value: '3' },
      ],
      metrics: [
        { key: 'acc', value: 0.8, timestamp: 1 },
        { key: 'acc', value: 0.9, timestamp: 2, step: 1 },
      ],
    });
    await t.call('POST', `${API}/runs/log-batch`, {
      run_id: child,
      params: [
        { key: 'lr', value: '0.2' },
        { key: 'depth', value: '3' },
        { key: 'seed', value: '7' },
      ],
      metrics: [{ key: 'acc', value: 0.95, timestamp: 1 }],
    });
    const logged = await t.call('POST', `${API}/runs/log-inputs`, {
      run_id: parent,
      datasets: [
        {
          tags: [],
          dataset: {
            name: 'train',
            digest: `sha256:${'a'.repeat(64)}`,
            source_type: 'provenant',
            source: '{}',
          },
        },
      ],
    });
    expect(logged.status).toBe(200);
    const put = await fetch(
      `${t.url}/api/2.0/mlflow-artifacts/artifacts/${exp}/${parent}/artifacts/model.bin`,
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${SCIENTIST}`, 'content-type': 'application/octet-stream' },
        body: 'weights',
      },
    );
    expect(put.status).toBe(200);
    await t.call('POST', `${API}/runs/update`, { run_id: parent, status: 'FINISHED', end_time: 5 });
  });
  afterAll(() => t?.app.close());

  it('records code, data, environment, lineage and artifacts of a run', async () => {
    const prov = (await t.call('GET', `/api/provenant/runs/${parent}/provenance`)).body;
    expect(prov).toMatchObject({
      code: { commit: 'abc1234', dirty: true, diffDigest: DIFF },
      environmentFingerprint: ENV,
      datasets: [{ name: 'train', digest: `sha256:${'a'.repeat(64)}` }],
      parentRunId: null,
      childRunIds: [child],
      artifacts: [
        { path: 'model.bin', digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), sizeBytes: 7 },
      ],
    });
    expect((await t.call('GET', `/api/provenant/runs/${child}/provenance`)).body.parentRunId).toBe(parent);
  });

  it('publishes PROV references: the run used its commit, environment, data and parent, and generated its artifacts', async () => {
    const events = await publishedRunEvents(env());
    expect(countByType(events).ArtifactLogged).toBe(1);
    const started = events.find((e) => e.eventType === 'RunStarted' && e.value.runId === child)!.value;
    expect(started.meta.used).toContainEqual(
      expect.objectContaining({ kind: 'run', id: parent, role: 'parent' }),
    );
    const done = events.find((e) => e.eventType === 'RunCompleted' && e.value.runId === parent)!.value;
    expect(done.meta.used.map((r: any) => `${r.kind}:${r.id}`)).toEqual(
      expect.arrayContaining([`dataset:train@sha256:${'a'.repeat(64)}`, 'commit:git:abc1234', `env:${ENV}`]),
    );
    expect(done.meta.generated.map((r: any) => r.kind)).toEqual(['run', 'artifact']);
    // Each event carries its own references too, not only the summary at completion.
    const dataset = `train@sha256:${'a'.repeat(64)}`;
    const inputs = events.find((e) => e.eventType === 'RunInputsLogged' && e.value.runId === parent)!.value;
    expect(inputs.meta.used).toEqual([expect.objectContaining({ kind: 'dataset', id: dataset })]);
    const artifact = events.find((e) => e.eventType === 'ArtifactLogged' && e.value.runId === parent)!.value;
    expect(artifact.meta.generated).toEqual([
      expect.objectContaining({ kind: 'artifact', id: artifact.digest, digest: artifact.digest }),
    ]);
    const experiment = events.find((e) => e.eventType === 'ExperimentCreated')!.value;
    expect(experiment.meta.generated).toEqual([expect.objectContaining({ kind: 'experiment' })]);
  });

  it('compares two runs in DVC diff shape, over HTTP and from the CLI', async () => {
    const res = await t.call('GET', `/api/provenant/runs/compare?ids=${parent},${child}`);
    expect(res.body.params).toEqual({
      params: { lr: { old: '0.1', new: '0.2' }, seed: { old: null, new: '7' } },
    });
    expect(res.body.metrics.metrics.acc).toEqual({ old: 0.9, new: 0.95, diff: expect.closeTo(0.05, 10) });
    const out = await cli(['runs', 'compare', parent, child], t.url);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/param\s*│\s*lr\s*│\s*0\.1\s*│\s*0\.2/);
    expect(out.stdout).not.toMatch(/depth/);
    expect(
      JSON.parse((await cli(['runs', 'compare', parent, child, '--json', '--all'], t.url)).stdout).params
        .params.depth,
    ).toEqual({ old: '3', new: '3' });
    expect(await t.call('GET', `/api/provenant/runs/compare?ids=${parent}`)).toMatchObject({
      status: 400,
      body: { error_code: 'INVALID_PARAMETER_VALUE' },
    });
  });

  it('exports an experiment as sorted, stable files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'export-'));
    const first = await cli(['runs', 'export', '--experiment', 'prov', dir], t.url);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('2 runs') });
    const files = async () =>
      Promise.all(
        [
          join(dir, 'experiment.json'),
          ...(await readdir(join(dir, 'runs'))).sort().map((f) => join(dir, 'runs', f)),
        ].map((f) => readFile(f, 'utf8')),
      );
    const before = await files();
    await cli(['runs', 'export', '--experiment', 'prov', dir], t.url);
    expect(await files()).toEqual(before);
    const run = JSON.parse(await readFile(join(dir, 'runs', `${parent}.json`), 'utf8'));
    expect(Object.keys(run)).toEqual([...Object.keys(run)].sort());
    expect(run.metrics.acc).toEqual({ count: 2, min: 0.8, max: 0.9, last: 0.9, lastStep: 1 });
    expect(run.artifacts[0]).toMatchObject({ path: 'model.bin', sizeBytes: 7 });
  });
});
