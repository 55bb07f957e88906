import type { INestApplication } from '@nestjs/common';
import { canonicalDigest } from '@provenant/env-capture';
import { useTestEnv } from '@provenant/testing';
import { call, countRows, readEvents, startEnvVerifier, TOKENS } from './fixtures/env-verifier-app';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
const run = (runId: string, environment: string, rmse: number) => ({
  runId,
  experimentId: 'fraud',
  commit: 'c'.repeat(40),
  params: { seed: '7', lr: '0.05' },
  inputs: [{ name: 'driver_stats', digest: sha('d'), uri: 'dataset:driver_stats' }],
  outputs: [{ name: 'model.json', digest: sha('a') }],
  metrics: { rmse },
  environment,
});

describe('env-verifier: reproducibility checks and provenance statements', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    await env().createTopics(['provenant.environments.v1']);
    ({ app, url } = await startEnvVerifier(env()));
  });
  afterAll(async () => app?.close());

  it('confirms a run reproduced in another environment, with a ReproducibilityChecked event and an attestation', async () => {
    const body = {
      baseline: run('run-local', sha('1'), 0.25),
      candidate: run('run-container', sha('2'), 0.2500004),
      tolerance: { absolute: 1e-6 },
    };
    const res = await call(url, 'POST', '/reproducibility/checks', body);
    expect(res.status).toBe(201);
    expect(res.body.verdict).toBe('REPRODUCED');
    expect(res.body.provenanceDigest).toBe(canonicalDigest(res.body.statement));
    expect(res.body.statement.subject).toEqual([{ name: 'model.json', digest: { sha256: 'a'.repeat(64) } }]);

    const [event] = await readEvents(env(), 'provenant.environments.v1', 'ReproducibilityChecked', 1);
    expect(event).toMatchObject({
      checkId: res.body.checkId,
      baselineRunId: 'run-local',
      candidateRunId: 'run-container',
      verdict: 'REPRODUCED',
      baselineEnvironment: sha('1'),
      candidateEnvironment: sha('2'),
      provenanceDigest: res.body.provenanceDigest,
    });
    expect(event.meta.subject).toEqual({ kind: 'run', id: 'run-container' });
    expect(event.meta.generated).toContainEqual(
      expect.objectContaining({ kind: 'attestation', id: res.body.provenanceDigest }),
    );
    expect(event.differences).toContainEqual(
      expect.objectContaining({ category: 'METRIC', key: 'rmse', withinTolerance: true }),
    );
    expect(
      (await call(url, 'GET', `/reproducibility/checks/${res.body.checkId}`, undefined, TOKENS.auditor)).body
        .verdict,
    ).toBe('REPRODUCED');
  });

  it('reports a metric outside tolerance as not reproduced', async () => {
    const res = await call(url, 'POST', '/reproducibility/checks', {
      baseline: run('a', sha('1'), 0.25),
      candidate: run('b', sha('1'), 0.3),
    });
    expect(res.body.verdict).toBe('NOT_REPRODUCED');
    expect(res.body.differences).toEqual([
      expect.objectContaining({
        category: 'METRIC',
        key: 'rmse',
        baseline: '0.25',
        candidate: '0.3',
        withinTolerance: false,
      }),
    ]);
  });

  it('answers a provenance statement for one run without recording anything', async () => {
    const before = await countRows(env(), 'reproducibility_checks');
    const res = await call(url, 'POST', '/provenance/statements', { run: run('r', sha('1'), 0.1) });
    expect(res.status).toBe(200);
    expect(res.body.statement.predicateType).toBe('https://slsa.dev/provenance/v1');
    expect(await countRows(env(), 'reproducibility_checks')).toBe(before);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await countRows(env(), 'reproducibility_checks');
    const bad = await call(url, 'POST', '/reproducibility/checks', {
      baseline: run('a', sha('1'), 0.25),
      candidate: { ...run('b', sha('1'), 0.25), metrics: { rmse: 'low' } },
    });
    expect(bad).toMatchObject({ status: 400, body: { field: 'candidate.metrics.rmse' } });
    const digest = await call(url, 'POST', '/reproducibility/checks', {
      baseline: run('a', sha('1'), 0.25),
      candidate: { ...run('b', sha('1'), 0.25), outputs: [{ name: 'm', digest: 'abc' }] },
    });
    expect(digest).toMatchObject({ status: 400, body: { field: 'candidate.outputs.0.digest' } });
    const forbidden = await call(
      url,
      'POST',
      '/reproducibility/checks',
      { baseline: run('a', sha('1'), 0.25), candidate: run('b', sha('1'), 0.25) },
      TOKENS.auditor,
    );
    expect(forbidden.status).toBe(403);
    const noSubject = await call(url, 'POST', '/provenance/statements', {
      run: { ...run('r', sha('1'), 0.1), outputs: [] },
    });
    expect(noSubject).toMatchObject({ status: 422, body: { field: 'run.outputs' } });
    const badRun = await call(url, 'POST', '/provenance/statements', {
      run: { ...run('r', sha('1'), 0.1), commit: 'main' },
    });
    expect(badRun).toMatchObject({ status: 400, body: { field: 'run.commit' } });
    expect(await countRows(env(), 'reproducibility_checks')).toBe(before);
  });
});
