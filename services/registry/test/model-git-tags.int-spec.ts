import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { runCli, useTestEnv, waitFor } from '@provenant/testing';
import { collectEvents } from './fixtures/registry-app';
import { trainingRun } from './fixtures/lineage-events';
import { httpTo, publish, startRegistryWithConsumer, TOKENS, type Http } from './fixtures/model-registry-app';

describe('registry: git tags for model versions (models register --git-tag)', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let url: string;
  let http: Http;
  let repo: string;
  let commit: string;
  let models: Awaited<ReturnType<typeof collectEvents>>;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  /** The CLI run from inside the project's checkout, as a user or a CI step would. */
  const register = (...args: string[]) =>
    runCli(
      ['models', 'register', ...args],
      { PROVENANT_REGISTRY_URL: url, PROVENANT_TOKEN: TOKENS.pipeline },
      repo,
    );
  const versions = async (name: string) =>
    (await http('GET', '/api/2.0/mlflow/model-versions/search', { filter: `name='${name}'` })).body
      .model_versions ?? [];

  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'git-tags-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'ci@example.com');
    git('config', 'user.name', 'CI');
    await writeFile(join(repo, 'train.py'), 'print("train")\n');
    git('add', '.');
    git('commit', '-q', '-m', 'training code');
    commit = git('rev-parse', 'HEAD');
    ({ app, url } = await startRegistryWithConsumer(env()));
    http = httpTo(url);
    models = await collectEvents(env(), 'provenant.models.v1');
    await publish(env(), [
      ...trainingRun({ runId: 'tagged-run', metrics: { auc: 0.9 }, commit }),
      ...trainingRun({ runId: 'foreign-run', metrics: { auc: 0.9 }, commit: 'f'.repeat(40) }),
      ...trainingRun({ runId: 'no-code-run', metrics: { auc: 0.9 }, commit: null }),
    ]);
    for (const runId of ['tagged-run', 'foreign-run', 'no-code-run'])
      await waitFor(async () => (await http('GET', `/api/provenant/runs/${runId}/lineage`)).status === 200, {
        timeoutMs: 30_000,
        description: `registry learned ${runId}`,
      });
  });

  afterAll(async () => {
    await models?.stop();
    await app?.close();
    await rm(repo, { recursive: true, force: true });
  });

  it("creates the annotated tag model/<name>/v<N> on the run's commit and records it", async () => {
    const out = await register('fraud', '--run-id', 'tagged-run', '--git-tag');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`tagged model/fraud/v1 on ${commit}`);
    expect(git('cat-file', '-t', 'refs/tags/model/fraud/v1')).toBe('tag'); // annotated, not lightweight
    expect(git('rev-parse', 'model/fraud/v1^{commit}')).toBe(commit);
    expect(git('tag', '-l', '--format=%(contents:subject)', 'model/fraud/v1')).toContain('run tagged-run');

    const [v1] = await versions('fraud');
    expect(v1).toMatchObject({ version: '1', git_tag: 'model/fraud/v1' });
    await waitFor(() => models.events.some((e) => e.eventType === 'ModelVersionRegistered'), {
      timeoutMs: 30_000,
      description: 'ModelVersionRegistered',
    });
    expect(models.events.find((e) => e.eventType === 'ModelVersionRegistered')!.value).toMatchObject({
      name: 'fraud',
      version: 1,
      gitTag: 'model/fraud/v1',
    });
  });

  it('registers without a tag unless asked', async () => {
    const out = await register('fraud', '--run-id', 'tagged-run', '--json');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ version: '2', git_tag: null });
    expect(git('tag', '-l', 'model/fraud/*')).toBe('model/fraud/v1');
  });

  it('refuses, registering nothing, when the commit is not in this repository or the run has none', async () => {
    const foreign = await register('elsewhere', '--run-id', 'foreign-run', '--git-tag');
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain(
      `commit ${'f'.repeat(40)} of run foreign-run is not in the git repository`,
    );
    const noCode = await register('elsewhere', '--run-id', 'no-code-run', '--git-tag');
    expect(noCode.code).toBe(2);
    expect(noCode.stderr).toContain('run no-code-run recorded no code commit');
    expect(await versions('elsewhere')).toEqual([]);
  });

  it('keeps the version but says how to finish when the tag exists on another commit', async () => {
    await writeFile(join(repo, 'train.py'), 'print("train v2")\n');
    git('commit', '-q', '-am', 'other code');
    git('tag', '-a', 'model/fraud/v3', '-m', 'made by hand', 'HEAD');
    const out = await register('fraud', '--run-id', 'tagged-run', '--git-tag');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(
      'registered fraud v3, but the tag failed: tag model/fraud/v3 already exists',
    );
    expect(out.stderr).toContain(`finish with: git tag -a model/fraud/v3 ${commit}`);
  });

  it('answers 400 naming git_tag for a request that cannot be tagged, writing nothing', async () => {
    await http('POST', '/api/2.0/mlflow/registered-models/create', { name: 'my model' }, TOKENS.pipeline);
    for (const [body, words] of [
      [{ name: 'fraud', source: 's', git_tag: 'yes' }, 'git_tag'],
      [{ name: 'fraud', source: 's', git_tag: true }, "'git_tag': a git tag needs run_id"],
      [
        { name: 'fraud', source: 's', run_id: 'no-code-run', git_tag: true },
        'run no-code-run recorded no code commit',
      ],
      [
        { name: 'my model', source: 's', run_id: 'tagged-run', git_tag: true },
        'cannot form the git tag model/my model/v1',
      ],
    ] as const) {
      const res = await http('POST', '/api/2.0/mlflow/model-versions/create', body, TOKENS.pipeline);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE' });
      expect(res.body.message).toContain(words);
    }
    expect(await versions('fraud')).toHaveLength(3);
    expect(await versions('my model')).toEqual([]);
  });
});
