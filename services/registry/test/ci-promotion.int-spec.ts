import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { parse } from 'yaml';
import { useTestEnv, waitFor } from '@provenant/testing';
import { environmentVerified, sha, trainingRun } from './fixtures/lineage-events';
import { httpTo, publish, startRegistryWithConsumer, TOKENS } from './fixtures/model-registry-app';
import { provenant, ROOT, shell } from './fixtures/run-cli';

const WORKFLOW = join(ROOT, 'deploy/ci/github-actions/promote.yml');
const SECRETS: Record<string, string> = {
  PROVENANT_PIPELINE_TOKEN: TOKENS.pipeline,
  PROVENANT_APPROVER_TOKEN: TOKENS.approver,
};

interface Step {
  name?: string;
  run?: string;
}
interface Job {
  env?: Record<string, string>;
  steps: Step[];
}

describe('registry: promotion from CI with the provenant CLI', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startRegistryWithConsumer(env()));
    await publish(env(), [
      ...trainingRun({ runId: 'ci-run', metrics: { auc: 0.93 } }),
      ...trainingRun({ runId: 'weak-run', metrics: { auc: 0.7 } }),
      environmentVerified(sha('env-prod'), 'production', 'IDENTICAL'),
    ]);
    const http = httpTo(url);
    for (const runId of ['ci-run', 'weak-run'])
      await waitFor(async () => (await http('GET', `/api/provenant/runs/${runId}/lineage`)).status === 200, {
        timeoutMs: 30_000,
        description: `registry learned ${runId}`,
      });
  });

  afterAll(async () => {
    // The workflow's register step writes version.json in the checkout, as it would on a runner.
    await rm(join(ROOT, 'version.json'), { force: true });
    await app?.close();
  });

  it('prints every gate, passed or failed and why, and exits 1 when a gate fails', async () => {
    expect(
      (await provenant(['models', 'register', 'scorer', '--run-id', 'weak-run'], url, TOKENS.pipeline)).code,
    ).toBe(0);
    const policy = join(await mkdtemp(join(tmpdir(), 'policy-')), 'policy.json');
    await writeFile(
      policy,
      JSON.stringify({
        metrics: [{ key: 'auc', op: '>=', threshold: 0.9 }],
        environment: {},
        lineage: {},
        requiredApprovals: 1,
      }),
    );
    const set = await provenant(
      ['models', 'policy', 'set', 'scorer', '--to', 'production', '--file', policy],
      url,
      TOKENS.approver,
    );
    expect(set.code).toBe(0);

    const scientist = await provenant(
      ['models', 'promote', 'scorer', '1', '--to', 'production'],
      url,
      TOKENS.scientist,
    );
    expect(scientist.code).toBe(1);
    expect(scientist.stderr).toContain('403');
    expect(scientist.stderr).toContain('requires role approver or pipeline');

    const res = await provenant(
      ['models', 'promote', 'scorer', '1', '--to', 'production'],
      url,
      TOKENS.pipeline,
    );
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/metrics\.auc\s*│\s*FAILED\s*│\s*auc = 0\.7, required >= 0\.9/);
    expect(res.stdout).toMatch(/environment\.production\s*│\s*passed\s*│\s*env-verifier verdict IDENTICAL/);
    expect(res.stdout).toMatch(/lineage\s*│\s*passed/);
    expect(res.stdout).toMatch(/approvals\s*│\s*FAILED\s*│\s*0 of 1 approvals/);
    expect(res.stdout).toContain('REJECTED');
    expect(res.stdout).toContain('nothing changed');
  }, 60_000);

  it('runs the provenant steps of deploy/ci/github-actions/promote.yml, in order, to production', async () => {
    const workflow = parse(await readFile(WORKFLOW, 'utf8')) as { jobs: Record<string, Job> };
    const outputs = join(await mkdtemp(join(tmpdir(), 'gh-')), 'output');
    await writeFile(outputs, '');
    const vars: Record<string, string> = {
      MODEL: 'ranker',
      RUN_ID: 'ci-run',
      PROVENANT_REGISTRY_URL: url,
      GITHUB_OUTPUT: outputs,
    };
    const transcript: string[] = [];
    for (const [jobName, job] of Object.entries(workflow.jobs)) {
      const version = /version=(\d+)/.exec(await readFile(outputs, 'utf8'))?.[1] ?? '';
      const jobEnv = Object.fromEntries(
        Object.entries(job.env ?? {}).map(([k, v]) => [
          k,
          v
            .replace(/\$\{\{\s*secrets\.(\w+)\s*\}\}/, (_, s: string) => SECRETS[s])
            .replace(/\$\{\{\s*needs\.register\.outputs\.version\s*\}\}/, version),
        ]),
      );
      for (const step of job.steps.filter((s) => s.name?.startsWith('provenant'))) {
        const out = await shell(step.run!, { ...vars, ...jobEnv });
        transcript.push(`[${jobName}] ${step.name}\n${out.stdout}${out.stderr}`);
        expect({ step: step.name, code: out.code, stderr: out.stderr }).toMatchObject({
          step: step.name,
          code: 0,
        });
      }
    }
    const all = transcript.join('\n');
    expect(all).toContain('staging now points at ranker v1');
    expect(all).toMatch(/AWAITING_APPROVAL .*waiting for an approver/);
    expect(all).toContain('APPROVED');
    expect(all).toContain('production now points at ranker v1');
    expect(all).toMatch(/production\s*│\s*APPROVED\s*│\s*dev-approver/);

    const http = httpTo(url);
    const prod = await http('GET', '/api/2.0/mlflow/registered-models/alias', {
      name: 'ranker',
      alias: 'production',
    });
    expect(prod.body.model_version).toMatchObject({
      version: '1',
      current_stage: 'Production',
      aliases: ['production', 'staging'],
    });
    const history = await http('GET', '/api/provenant/models/ranker/promotions');
    expect(history.body.promotions.map((p: any) => [p.target, p.decision, p.requested_by])).toEqual([
      ['production', 'APPROVED', 'dev-pipeline'],
      ['staging', 'APPROVED', 'dev-pipeline'],
    ]);
    expect(history.body.promotions[0].approvals.map((a: any) => a.principal)).toEqual(['dev-approver']);

    const sections = join(await mkdtemp(join(tmpdir(), 'card-')), 'card.json');
    await writeFile(
      sections,
      JSON.stringify({ description: 'Ranks offers.', ethicalConsiderations: ['no protected attributes'] }),
    );
    const card = await provenant(['models', 'card', 'ranker', '1', '--edit', sections], url, TOKENS.pipeline);
    expect(card.code).toBe(0);
    expect(card.stdout).toContain('# Model card: ranker v1 (revision 1)');
    expect(card.stdout).toContain('- no protected attributes');
    expect(card.stdout).toContain('| auc | 0.93 |');
  }, 120_000);
});
