import type { EnvironmentManifest } from '@provenant/env-capture';
import type { ModelVersion, Promotion, Verification } from '@provenant/sdk';
import type { PipelineContext } from './context';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The registry learns runs from the tracker's events; promotion gates read what it learned. */
export async function untilRegistryKnowsRun(ctx: PipelineContext, runId: string, timeoutMs = 30_000) {
  const t0 = Date.now();
  for (;;) {
    const run = await ctx.pipeline.registry.runLineage(runId).catch(() => null);
    const complete =
      run &&
      run.status === 'FINISHED' &&
      run.codeCommit &&
      run.envFingerprint &&
      (run.datasets as unknown[]).length > 0;
    if (complete) return run;
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`the registry has not learned run ${runId} after ${timeoutMs / 1000} s`);
    await sleep(200);
  }
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
 */
export async function verifyEnvironment(
  ctx: PipelineContext,
  env: EnvironmentManifest,
): Promise<Verification> {
  await ctx.approver.env.pinTarget('production', env.fingerprint);
  return ctx.pipeline.env.verify(env.fingerprint, { target: 'production' });
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
 * approval completes it. Env-verifier's verdict reaches the registry as an event, so a request
 * that failed only because that verdict had not arrived yet is asked again.
 */
export async function promote(
  ctx: PipelineContext,
  version: string,
): Promise<{ staging: Promotion; requested: Promotion; approved: Promotion }> {
  const staging = await ctx.pipeline.registry.promote(ctx.model, version, 'staging', 'demo pipeline');
  if (staging.decision !== 'APPROVED') throw new Error(`staging: ${failed(staging)}`);
  let requested = await ctx.pipeline.registry.promote(ctx.model, version, 'production', 'demo pipeline');
  for (const t0 = Date.now(); waitingForEvidence(requested) && Date.now() - t0 < 30_000;) {
    await sleep(500);
    requested = await ctx.pipeline.registry.promote(
      ctx.model,
      version,
      'production',
      'demo pipeline (evidence arrived)',
    );
  }
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

const waitingForEvidence = (p: Promotion) =>
  p.decision === 'REJECTED' &&
  p.gates.every(
    (g) =>
      g.passed ||
      g.kind === 'APPROVAL' ||
      (g.kind === 'ENVIRONMENT_VERDICT' && g.detail.startsWith('no env-verifier verdict')),
  );
