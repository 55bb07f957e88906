import type { INestApplication } from '@nestjs/common';
import { useTestEnv, waitFor } from '@provenant/testing';
import { collectEvents } from './fixtures/registry-app';
import { httpTo, publish, startRegistryWithConsumer, TOKENS, type Http } from './fixtures/model-registry-app';
import { sha, trainingRun } from './fixtures/lineage-events';

const API = '/api/2.0/mlflow';

describe('registry: MLflow-compatible model registry', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let http: Http;
  let base: string;
  let models: Awaited<ReturnType<typeof collectEvents>>;

  beforeAll(async () => {
    const started = await startRegistryWithConsumer(env());
    app = started.app;
    http = httpTo(started.url);
    base = started.url;
    models = await collectEvents(env(), 'provenant.models.v1');
    await publish(
      env(),
      trainingRun({ runId: 'run-1', metrics: { auc: 0.91 }, modelDigest: sha('model-bytes') }),
    );
    await waitFor(
      async () => (await http('GET', '/api/provenant/runs/run-1/lineage')).body?.status === 'FINISHED',
      {
        timeoutMs: 30_000,
        description: 'the registry learned run-1',
      },
    );
  });

  afterAll(async () => {
    await models?.stop();
    await app?.close();
  });

  it('creates a registered model once; a second create is RESOURCE_ALREADY_EXISTS (400)', async () => {
    const created = await http('POST', `${API}/registered-models/create`, {
      name: 'fraud',
      description: 'fraud detector',
      tags: [{ key: 'team', value: 'risk' }],
    });
    expect(created.status).toBe(200);
    expect(created.body.registered_model).toMatchObject({
      name: 'fraud',
      description: 'fraud detector',
      tags: [{ key: 'team', value: 'risk' }],
    });
    const again = await http('POST', `${API}/registered-models/create`, { name: 'fraud' });
    expect(again).toMatchObject({ status: 400, body: { error_code: 'RESOURCE_ALREADY_EXISTS' } });
  });

  it('rejects bad input naming the field, and writes nothing', async () => {
    const missing = await http('POST', `${API}/registered-models/create`, { description: 'x' });
    expect(missing).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect(missing.body.message).toContain("'name'");
    const noSource = await http('POST', `${API}/model-versions/create`, { name: 'fraud', run_id: 'run-1' });
    expect(noSource.body.message).toContain("'source'");
    const badDigest = await http('POST', `${API}/model-versions/create`, {
      name: 'fraud',
      source: 's3://x',
      artifact_digest: 'md5:1',
    });
    expect(badDigest.body.message).toContain('artifact_digest');
    const badVersion = await http('GET', `${API}/model-versions/get`, { name: 'fraud', version: 'one' });
    expect(badVersion.body.message).toContain("'version'");
    expect(
      (await http('GET', `${API}/model-versions/search`, { filter: "name='fraud'" })).body.model_versions,
    ).toEqual([]);
  });

  it('answers 404 RESOURCE_DOES_NOT_EXIST for unknown models and versions, 401/403 by role', async () => {
    expect(await http('GET', `${API}/registered-models/get`, { name: 'nope' })).toMatchObject({
      status: 404,
      body: { error_code: 'RESOURCE_DOES_NOT_EXIST' },
    });
    expect((await http('POST', `${API}/model-versions/create`, { name: 'nope', source: 'x' })).status).toBe(
      404,
    );
    expect((await http('GET', `${API}/registered-models/get`, { name: 'fraud' }, null)).status).toBe(401);
    const auditor = await http(
      'POST',
      `${API}/registered-models/create`,
      { name: 'audited' },
      TOKENS.auditor,
    );
    expect(auditor).toMatchObject({ status: 403, body: { error_code: 'PERMISSION_DENIED' } });
  });

  it('creates versions from a run: artifact digest resolved from the run, signature kept, lineage in the event', async () => {
    const signature = { inputs: '[{"name": "amount", "type": "double"}]', outputs: '[{"type": "long"}]' };
    const v1 = await http('POST', `${API}/model-versions/create`, {
      name: 'fraud',
      source: 'runs:/run-1/model',
      run_id: 'run-1',
      signature,
      tags: [{ key: 'framework', value: 'sklearn' }],
    });
    expect(v1.status).toBe(200);
    const expectedDigest = sha(`model.pkl ${sha('model-bytes')}\n`); // a directory: digest over its files
    expect(v1.body.model_version).toMatchObject({
      name: 'fraud',
      version: '1',
      run_id: 'run-1',
      status: 'READY',
      current_stage: 'None',
      artifact_digest: expectedDigest,
      signature: { ...signature, params: null },
    });
    const v2 = await http('POST', `${API}/model-versions/create`, {
      name: 'fraud',
      source: 'runs:/run-1/model/model.pkl',
      run_id: 'run-1',
    });
    expect(v2.body.model_version).toMatchObject({ version: '2', artifact_digest: sha('model-bytes') });

    await models.until(3);
    const registered = models.events.find(
      (e) => e.eventType === 'ModelVersionRegistered' && e.value.version === 1,
    )!;
    expect(registered.key).toBe('fraud');
    expect(registered.value.signature).toEqual({ ...signature, params: null });
    expect(registered.value.meta.used.map((r: any) => `${r.kind}:${r.id}`)).toEqual([
      'run:run-1',
      `artifact:${expectedDigest}`,
      `dataset:train@${sha('train-data')}`,
    ]);
    expect(registered.value.meta.generated[0]).toMatchObject({ kind: 'model', id: 'fraud/1' });
    expect(models.events[0]).toMatchObject({
      eventType: 'RegisteredModelCreated',
      value: { name: 'fraud', tags: { team: 'risk' } },
    });
  });

  it('moves aliases with a ModelVersionPromoted each; reserved names are refused; production is governed', async () => {
    expect(
      (
        await http('POST', `${API}/registered-models/alias`, {
          name: 'fraud',
          alias: 'champion',
          version: '1',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await http('POST', `${API}/registered-models/alias`, {
          name: 'fraud',
          alias: 'champion',
          version: '2',
        })
      ).status,
    ).toBe(200);
    const byAlias = await http('GET', `${API}/registered-models/alias`, { name: 'fraud', alias: 'champion' });
    expect(byAlias.body.model_version).toMatchObject({ version: '2', aliases: ['champion'] });
    await models.until(5);
    const moves = models.events.filter((e) => e.eventType === 'ModelVersionPromoted').map((e) => e.value);
    expect(moves.map((m) => [m.alias, m.version, m.previousVersion, m.promotionId])).toEqual([
      ['champion', 1, null, null],
      ['champion', 2, 1, null],
    ]);

    for (const alias of ['latest', 'v3', 'bad alias'])
      expect(
        (await http('POST', `${API}/registered-models/alias`, { name: 'fraud', alias, version: '1' })).body
          .error_code,
      ).toBe('INVALID_PARAMETER_VALUE');
    const direct = await http('POST', `${API}/registered-models/alias`, {
      name: 'fraud',
      alias: 'production',
      version: '1',
    });
    expect(direct).toMatchObject({ status: 403, body: { error_code: 'PERMISSION_DENIED' } });
    expect(direct.body.message).toContain('governed promotion');
  });

  it('maps the stage API onto aliases: Staging moves `staging`, Archived flags the version', async () => {
    const staged = await http('POST', `${API}/model-versions/transition-stage`, {
      name: 'fraud',
      version: '1',
      stage: 'staging',
      archive_existing_versions: false,
    });
    expect(staged.body.model_version).toMatchObject({ current_stage: 'Staging', aliases: ['staging'] });
    const archived = await http('POST', `${API}/model-versions/transition-stage`, {
      name: 'fraud',
      version: '2',
      stage: 'Archived',
      archive_existing_versions: false,
    });
    expect(archived.body.model_version.current_stage).toBe('Archived');
    const latest = await http('GET', `${API}/registered-models/get-latest-versions`, {
      name: 'fraud',
      stages: 'Staging',
    });
    expect(latest.body.model_versions.map((v: any) => v.version)).toEqual(['1']);
    const bad = await http('POST', `${API}/model-versions/transition-stage`, {
      name: 'fraud',
      version: '1',
      stage: 'Prod',
      archive_existing_versions: false,
    });
    expect(bad).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    const model = await http('GET', `${API}/registered-models/get`, { name: 'fraud' });
    expect(model.body.registered_model.latest_versions.map((v: any) => [v.version, v.current_stage])).toEqual(
      [
        ['1', 'Staging'],
        ['2', 'Archived'],
      ],
    );
  });

  it('searches, tags, renames and deletes as MLflow does', async () => {
    await http('POST', `${API}/registered-models/create`, { name: 'churn' });
    const found = await http('GET', `${API}/registered-models/search`, { filter: "name LIKE 'fr%'" });
    expect(found.body.registered_models.map((m: any) => m.name)).toEqual(['fraud']);
    const paged = await http('GET', `${API}/registered-models/search`, { max_results: '1' });
    expect(paged.body.registered_models.map((m: any) => m.name)).toEqual(['churn']);
    const next = await http('GET', `${API}/registered-models/search`, {
      max_results: '1',
      page_token: paged.body.next_page_token,
    });
    expect(next.body.registered_models.map((m: any) => m.name)).toEqual(['fraud']);
    expect((await http('GET', `${API}/registered-models/search`, { filter: 'name ~ 1' })).status).toBe(400);

    await http('POST', `${API}/model-versions/set-tag`, {
      name: 'fraud',
      version: '1',
      key: 'validated',
      value: 'yes',
    });
    const tagged = await http('GET', `${API}/model-versions/search`, {
      filter: "name='fraud' AND tags.validated='yes'",
    });
    expect(tagged.body.model_versions.map((v: any) => v.version)).toEqual(['1']);
    const byRun = await http('GET', `${API}/model-versions/search`, { filter: "run_id IN ('run-1')" });
    expect(byRun.body.model_versions).toHaveLength(2);

    expect(
      (await http('POST', `${API}/registered-models/rename`, { name: 'churn', new_name: 'fraud' })).body
        .error_code,
    ).toBe('RESOURCE_ALREADY_EXISTS');
    await http('POST', `${API}/registered-models/rename`, { name: 'churn', new_name: 'churn-v2' });
    expect((await http('DELETE', `${API}/registered-models/delete`, { name: 'churn-v2' })).status).toBe(200);
    expect((await http('GET', `${API}/registered-models/get`, { name: 'churn-v2' })).status).toBe(404);
  });

  it('publishes versioned model cards filled from lineage, editable, rendered as Markdown', async () => {
    const card = (v: string, body: unknown, token?: string) =>
      http('PUT', `/api/provenant/models/fraud/versions/${v}/card`, body, token);
    const first = await card('1', {
      description: 'Scores card transactions.',
      intendedUses: ['fraud triage'],
      license: 'apache-2.0',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ revision: 1, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(first.body.card).toMatchObject({
      schema: 'provenant.model-card/v1',
      modelDetails: {
        name: 'fraud',
        version: 1,
        description: 'Scores card transactions.',
        license: 'apache-2.0',
      },
      metrics: [{ name: 'auc', value: 0.91 }],
      trainingData: [{ name: 'train', digest: sha('train-data') }],
      provenance: {
        runId: 'run-1',
        codeCommit: 'a1b2c3d4',
        environment: sha('env-prod'),
        parameters: { lr: '0.1' },
      },
    });
    const second = await card('1', { caveatsAndRecommendations: ['retrain monthly'] });
    expect(second.body.revision).toBe(2);
    expect(second.body.card.intendedUse.primaryUses).toEqual(['fraud triage']); // earlier edits kept
    expect(second.body.card.considerations.caveatsAndRecommendations).toEqual(['retrain monthly']);
    expect(
      (await http('GET', '/api/provenant/models/fraud/versions/1/card', { revision: '1' })).body.digest,
    ).toBe(first.body.digest);

    const raw = await fetch(`${base}/api/provenant/models/fraud/versions/1/card/markdown`, {
      headers: { authorization: `Bearer ${TOKENS.auditor}` },
    }).then(async (r) => ({ type: r.headers.get('content-type') ?? '', text: await r.text() }));
    expect(raw.type).toContain('text/markdown');
    expect(raw.text).toContain('license: "apache-2.0"');
    expect(raw.text).toContain('# Model card: fraud v1 (revision 2)');
    expect(raw.text).toContain('- retrain monthly');
    expect(raw.text).toContain('| auc | 0.91 |');

    await waitFor(
      () => models.events.some((e) => e.eventType === 'ModelCardPublished' && e.value.revision === 2),
      {
        timeoutMs: 30_000,
        description: 'ModelCardPublished r2',
      },
    );
    const published = models.events.find(
      (e) => e.eventType === 'ModelCardPublished' && e.value.revision === 2,
    )!.value;
    expect(published.cardDigest).toBe(second.body.digest);
    expect(sha(published.card)).toBe(published.cardDigest);
    expect(JSON.parse(published.card)).toEqual(second.body.card);
    expect(published.meta.generated[0]).toMatchObject({ kind: 'model_card', id: 'fraud/1@r2' });

    expect((await card('1', { owners: 'me' })).body.issues[0].path).toBe('owners');
    expect((await card('1', { unknown: 1 })).status).toBe(400);
    expect((await card('7', {})).status).toBe(404);
    expect((await card('1', {}, TOKENS.auditor)).status).toBe(403);
  });
});
