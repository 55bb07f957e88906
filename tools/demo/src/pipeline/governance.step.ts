import type { EnvironmentManifest } from '@provenant/env-capture';
import { pollUntil, statusIn, type ModelVersion, type Promotion, type Verification } from '@provenant/sdk';
import type { PipelineContext } from './context';

/** The registry learns runs from the tracker's events; promotion gates read what it learned. */
export async function untilRegistryKnowsRun(ctx: PipelineContext, runId: string, timeoutMs = 30_000) {
  return pollUntil(
    `the registry to learn run ${runId} (finished, with commit, environment and data)`,
    async () => {
      const run = await ctx.pipeline.registry.runLineage(runId);
      const complete =
        run.status === 'FINISHED' &&
        run.codeCommit &&
        run.envFingerprint &&
        (run.datasets as unknown[]).length > 0;
      return complete ? run : null;
    },
    { timeoutMs, intervalMs: 200, retryOn: statusIn(404) },
  );
}

export async function registerModel(
  ctx: PipelineContext,
  runId: string,
  artifactUri: string,
  artifactDigest: string,
) {
  return ctx.pipeline.registry.registerModel(ctx.model, {
    runId,
    source: `${artifactUri}/model/model.json`,
    artifactDigest,
  });
}

export async function publishCard(ctx: PipelineContext, version: ModelVersion) {
  return ctx.pipeline.registry.publishCard(ctx.model, version.version, {
    description: 'Predicts whether a courier accepts a delivery offer, from its last hourly stats.',
    owners: ['team:dispatch'],
    license: 'apache-2.0',
    intendedUses: ['Ranking couriers for an offer in the dispatch service.'],
    outOfScopeUses: ["Decisions about a courier's pay or account."],
    ethicalConsiderations: ['Features describe behaviour only; no protected attributes are used.'],
    caveatsAndRecommendations: ['Synthetic demo data: not for real dispatch.'],
  });
}

/**
 * Production's reference environment is pinned by an approver; this run's environment is then
 * verified against it. (In the demo both are this machine, so the verdict is IDENTICAL.)
 * The verdict reaches the registry as an event; a promotion requested before it arrives would be
 * rejected for want of evidence, so this waits until the registry holds this very verification.
 */
export async function verifyEnvironment(
  ctx: PipelineContext,
  env: EnvironmentManifest,
  timeoutMs = 30_000,
): Promise<Verification> {
  await ctx.approver.env.pinTarget('production', env.fingerprint);
  const verification = await ctx.pipeline.env.verify(env.fingerprint, { target: 'production' });
  await pollUntil(
    `the registry to learn verification ${verification.verificationId} of ${env.fingerprint}`,
    async () => {
      const { verdicts } = await ctx.pipeline.registry.environmentVerdicts(env.fingerprint);
      return verdicts.some((v) => v.verificationId === verification.verificationId);
    },
    { timeoutMs, intervalMs: 200 },
  );
  return verification;
}

export async function setPolicy(ctx: PipelineContext) {
  await ctx.approver.registry.setPolicy(ctx.model, 'production', {
    metrics: [{ key: 'auc', op: '>=', threshold: 0.7 }],
    environment: {},
    lineage: {},
    requiredApprovals: 1,
  });
}

/**
 * Staging, then production: the pipeline requests, every gate is evaluated, and the approver's
 * approval completes it. Its evidence (run, environment verdict) is already in the registry:
 * `untilRegistryKnowsRun` and `verifyEnvironment` waited for it.
 */
export async function promote(
  ctx: PipelineContext,
  version: string,
): Promise<{ staging: Promotion; requested: Promotion; approved: Promotion }> {
  const staging = await ctx.pipeline.registry.promote(ctx.model, version, 'staging', 'demo pipeline');
  if (staging.decision !== 'APPROVED') throw new Error(`staging: ${failed(staging)}`);
  const requested = await ctx.pipeline.registry.promote(ctx.model, version, 'production', 'demo pipeline');
  if (requested.decision !== 'AWAITING_APPROVAL') throw new Error(`production: ${failed(requested)}`);
  const approved = await ctx.approver.registry.approve(
    ctx.model,
    version,
    'production',
    'metrics and lineage reviewed',
  );
  if (approved.decision !== 'APPROVED') throw new Error(`production approval: ${failed(approved)}`);
  return { staging, requested, approved };
}

const failed = (p: Promotion) =>
  `${p.decision}; ${
    p.gates
      .filter((g) => !g.passed)
      .map((g) => `${g.name}: ${g.detail}`)
      .join('; ') || 'no failed gate'
  }`;
