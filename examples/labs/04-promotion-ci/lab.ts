import {
  buildTrainingSet,
  HYPERPARAMS,
  trainTracked,
  untilRegistryKnowsRun,
  verifyEnvironment,
  type PipelineContext,
} from '@provenant/demo';
import { serviceUrl, type Promotion } from '@provenant/sdk';
import { runPromotionWorkflow, type StepOutcome } from './run-workflow';

export const LAB_MODEL = 'courier-acceptance-ci';

export interface Lab4Result {
  weak: { runId: string; logLoss: number; ok: boolean; steps: StepOutcome[] };
  strong: { runId: string; logLoss: number; ok: boolean; steps: StepOutcome[] };
  production: string;
  history: Promotion[];
}

/**
 * Lab 4: two versions of a model, promoted by the CI workflow in
 * deploy/ci/github-actions/promote.yml. The policy asks for log loss ≤ 0.6, an environment
 * verified against production, complete lineage and one approval: the under-trained version
 * stops at the gate, the trained one reaches production after the approval job.
 */
export async function runLab4(ctx: PipelineContext): Promise<Lab4Result> {
  const data = await buildTrainingSet(ctx, { name: 'lab4_training' });
  const weak = await trainTracked(ctx, data, 'ci-under-trained', {
    ...HYPERPARAMS,
    epochs: 1,
    learningRate: 0.01,
  });
  const strong = await trainTracked(ctx, data, 'ci-trained');
  for (const run of [weak, strong]) {
    await untilRegistryKnowsRun(ctx, run.run.run_id);
    await verifyEnvironment(ctx, run.environment);
  }
  await ctx.approver.registry
    .setPolicy(LAB_MODEL, 'production', {
      metrics: [{ key: 'log_loss', op: '<=', threshold: 0.6 }],
      environment: {},
      lineage: {},
      requiredApprovals: 1,
    })
    .catch(async (err: { status?: number }) => {
      // A policy needs the model to exist: register it (no version) first.
      if (err.status !== 404) throw err;
      await ctx.pipeline.registry.createModel(LAB_MODEL);
      await ctx.approver.registry.setPolicy(LAB_MODEL, 'production', {
        metrics: [{ key: 'log_loss', op: '<=', threshold: 0.6 }],
        environment: {},
        lineage: {},
        requiredApprovals: 1,
      });
    });
  const workflow = (runId: string) =>
    runPromotionWorkflow({
      model: LAB_MODEL,
      runId,
      secrets: {
        PROVENANT_PIPELINE_TOKEN: 'dev-pipeline-token',
        PROVENANT_APPROVER_TOKEN: 'dev-approver-token',
      },
      env: { PROVENANT_REGISTRY_URL: serviceUrl('registry') },
    });
  const weakRun = await workflow(weak.run.run_id);
  const strongRun = await workflow(strong.run.run_id);
  return {
    weak: { runId: weak.run.run_id, logLoss: weak.result.metrics.log_loss, ...weakRun },
    strong: { runId: strong.run.run_id, logLoss: strong.result.metrics.log_loss, ...strongRun },
    production: (await ctx.pipeline.registry.modelByAlias(LAB_MODEL, 'production')).version,
    history: await ctx.pipeline.registry.promotions(LAB_MODEL),
  };
}
