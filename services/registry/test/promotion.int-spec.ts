import type { INestApplication } from '@nestjs/common';
import { useTestEnv, waitFor } from '@provenant/testing';
import { collectEvents } from './fixtures/registry-app';
import { httpTo, publish, startRegistryWithConsumer, TOKENS, type Http } from './fixtures/model-registry-app';
import { environmentVerified, integrityViolation, sha, trainingRun } from './fixtures/lineage-events';

const API = '/api/2.0/mlflow';
const PROD_ENV = sha('env-prod');

describe('registry: governed promotion', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let http: Http;
  let models: Awaited<ReturnType<typeof collectEvents>>;
  const promote = (version: number, target: string, token: string) =>
    http(
      'POST',
      `/api/provenant/models/credit/versions/${version}/promotions`,
      { target, reason: 'test' },
      token,
    );
  const approve = (version: number, token: string) =>
    http(
      'POST',
      `/api/provenant/models/credit/versions/${version}/approvals`,
      { target: 'production' },
      token,
    );
  const production = () =>
    http('GET', `${API}/registered-models/alias`, { name: 'credit', alias: 'production' });
  const known = (runId: string) =>
    waitFor(
      async () => (await http('GET', `/api/provenant/runs/${runId}/lineage`)).body?.status === 'FINISHED',
      {
        timeoutMs: 30_000,
        description: `registry learned ${runId}`,
      },
    );

  beforeAll(async () => {
    const started = await startRegistryWithConsumer(env());
    app = started.app;
    http = httpTo(started.url);
    models = await collectEvents(env(), 'provenant.models.v1');
    await publish(env(), [
      ...trainingRun({ runId: 'weak', metrics: { auc: 0.85 } }),
      ...trainingRun({ runId: 'strong', metrics: { auc: 0.95 } }),
      ...trainingRun({ runId: 'no-lineage', metrics: { auc: 0.97 }, commit: null, datasets: [] }),
      environmentVerified(PROD_ENV, 'production', 'COMPATIBLE'),
    ]);
    await Promise.all(['weak', 'strong', 'no-lineage'].map(known));
    await waitFor(
      async () => (await http('GET', `/api/provenant/environments/${PROD_ENV}/verdicts`)).body?.verdicts?.length > 0,
      { timeoutMs: 30_000, description: 'registry learned the production verdict' },
    );
    await http('POST', `${API}/registered-models/create`, { name: 'credit' });
    for (const runId of ['weak', 'strong', 'no-lineage'])
      await http('POST', `${API}/model-versions/create`, {
        name: 'credit',
        source: `runs:/${runId}/model`,
        run_id: runId,
      });
  });

  afterAll(async () => {
    await models?.stop();
    await app?.close();
  });

  it("serves the env-verifier verdicts its gates will read, per target", async () => {
    const res = await http('GET', `/api/provenant/environments/${PROD_ENV}/verdicts`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      fingerprint: PROD_ENV,
      verdicts: [expect.objectContaining({ target: 'production', verdict: 'COMPATIBLE' })],
    });
    const unknown = await http('GET', `/api/provenant/environments/${sha('never-verified')}/verdicts`);
    expect(unknown.body).toEqual({ fingerprint: sha('never-verified'), verdicts: [] });
  });

  it('sets a policy only as approver, validating it', async () => {
    const policy = {
      metrics: [{ key: 'auc', op: '>=', threshold: 0.9 }],
      environment: {},
      lineage: {},
      requiredApprovals: 1,
    };
    const asScientist = await http('PUT', '/api/provenant/models/credit/policies/production', policy);
    expect(asScientist.status).toBe(403);
    expect(asScientist.body.message).toContain('requires role approver');
    const bad = await http(
      'PUT',
      '/api/provenant/models/credit/policies/production',
      { ...policy, metrics: [{ key: 'auc', op: '=~', threshold: 1 }] },
      TOKENS.approver,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message.join()).toContain('metrics.0.op');
    const noApprovals = await http(
      'PUT',
      '/api/provenant/models/credit/policies/production',
      { ...policy, requiredApprovals: 0 },
      TOKENS.approver,
    );
    expect(noApprovals.status).toBe(422);
    const set = await http(
      'PUT',
      '/api/provenant/models/credit/policies/production',
      policy,
      TOKENS.approver,
    );
    expect(set.status).toBe(200);
    expect(set.body.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('refuses a scientist promoting to production with 403 naming the role', async () => {
    const res = await promote(2, 'production', TOKENS.scientist);
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('requires role approver or pipeline');
  });

  it('rejects a version below the metric threshold and changes nothing', async () => {
    const res = await promote(1, 'production', TOKENS.pipeline);
    expect(res.status).toBe(200);
    expect(res.body.decision).toBe('REJECTED');
    const auc = res.body.gates.find((g: any) => g.name === 'metrics.auc');
    expect(auc).toMatchObject({ passed: false, detail: 'auc = 0.85, required >= 0.9' });
    expect(res.body.gates.find((g: any) => g.name === 'environment.production').passed).toBe(true);
    expect((await production()).body.error_code).toBe('INVALID_PARAMETER_VALUE'); // no production alias
  });

  it('names missing lineage', async () => {
    const res = await promote(3, 'production', TOKENS.pipeline);
    expect(res.body.gates.find((g: any) => g.name === 'lineage')).toMatchObject({
      passed: false,
      detail: 'missing: data (no dataset inputs), code (no git commit)',
    });
  });

  it('waits for an approver, refuses self-approval, then promotes with every gate passed', async () => {
    const asked = await promote(2, 'production', TOKENS.approver);
    expect(asked.body.decision).toBe('AWAITING_APPROVAL');
    expect((await approve(2, TOKENS.approver)).status).toBe(403); // four eyes
    expect((await approve(2, TOKENS.scientist)).status).toBe(403);
    const approved = await approve(2, TOKENS.admin);
    expect(approved.body).toMatchObject({ decision: 'APPROVED', promotion_id: asked.body.promotion_id });
    expect(approved.body.gates.every((g: any) => g.passed)).toBe(true);
    expect((await production()).body.model_version).toMatchObject({
      version: '2',
      current_stage: 'Production',
    });
    expect((await approve(2, TOKENS.admin)).status).toBe(409); // nothing awaits approval any more

    await models.until(1);
    await waitFor(
      () =>
        models.events.some((e) => e.eventType === 'ModelVersionPromoted' && e.value.alias === 'production'),
      {
        timeoutMs: 30_000,
        description: 'ModelVersionPromoted for production',
      },
    );
    const mine = models.events.filter((e) => e.value.promotionId === asked.body.promotion_id);
    expect(mine.map((e) => [e.eventType, e.value.decision ?? null])).toEqual([
      ['PromotionRequested', null],
      ['PromotionDecided', 'AWAITING_APPROVAL'],
      ['PromotionDecided', 'APPROVED'],
      ['ModelVersionPromoted', null],
    ]);
    expect(mine[2].value.approvals[0]).toMatchObject({ principal: 'dev-admin', role: 'approver' });
    expect(mine[3].value).toMatchObject({
      alias: 'production',
      version: 2,
      previousVersion: null,
      stage: 'Production',
    });
  });

  it('blocks promotion while a ledger integrity violation is open, until an auditor resolves it', async () => {
    await publish(env(), [integrityViolation('viol-1')]);
    await waitFor(
      async () => (await http('GET', '/api/provenant/ledger-violations')).body.open.length === 1,
      {
        timeoutMs: 30_000,
        description: 'violation projected',
      },
    );
    const blocked = await promote(2, 'champion', TOKENS.scientist);
    expect(blocked.body.decision).toBe('REJECTED');
    expect(blocked.body.gates).toEqual([
      expect.objectContaining({ name: 'ledger.integrity', passed: false }),
    ]);
    expect(
      (await http('POST', '/api/provenant/ledger-violations/viol-1/resolve', { resolution: 'x' })).status,
    ).toBe(403);
    const resolved = await http(
      'POST',
      '/api/provenant/ledger-violations/viol-1/resolve',
      { resolution: 'false alarm: restored from backup' },
      TOKENS.auditor,
    );
    expect(resolved.status).toBe(200);
    expect((await promote(2, 'champion', TOKENS.scientist)).body.decision).toBe('APPROVED');
  });

  it('keeps the whole promotion history: who, when, gates and approvals', async () => {
    const res = await http(
      'GET',
      '/api/provenant/models/credit/promotions',
      { version: '2' },
      TOKENS.auditor,
    );
    expect(res.body.promotions.map((p: any) => [p.target, p.decision, p.requested_by])).toEqual([
      ['champion', 'APPROVED', 'dev-scientist'],
      ['champion', 'REJECTED', 'dev-scientist'],
      ['production', 'APPROVED', 'dev-approver'],
    ]);
    const prod = res.body.promotions[2];
    expect(prod.evaluations.map((e: any) => [e.by, e.decision])).toEqual([
      ['dev-approver', 'AWAITING_APPROVAL'],
      ['dev-admin', 'APPROVED'],
    ]);
    expect((await http('GET', '/api/provenant/models/nope/promotions')).status).toBe(404);
    expect(
      (await http('POST', '/api/provenant/models/credit/versions/x/promotions', { target: 'staging' }))
        .status,
    ).toBe(400);
    expect(
      (await http('POST', '/api/provenant/models/credit/versions/9/promotions', { target: 'staging' }))
        .status,
    ).toBe(404);
  });
});
