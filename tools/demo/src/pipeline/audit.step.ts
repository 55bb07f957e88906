import { join } from 'node:path';
import { pollUntil, statusIn, type VerifiedInclusion } from '@provenant/sdk';
import { runCli } from '@provenant/stack';
import type { PipelineContext } from './context';

/**
 * Waits until a signed checkpoint covers the event, then checks its inclusion proof with the
 * verifier key alone. Checkpoints are signed every second (LEDGER_CHECKPOINT_INTERVAL_MS).
 */
export async function proveInLedger(
  ctx: PipelineContext,
  eventId: string,
  timeoutMs = 30_000,
): Promise<VerifiedInclusion> {
  const key = await ctx.auditor.ledger.publicKey();
  // 404: not appended yet; 400: appended but not yet under a signed checkpoint.
  return pollUntil(
    `a signed checkpoint covering event ${eventId}`,
    () => ctx.auditor.ledger.proveEvent(eventId, key),
    {
      timeoutMs,
      retryOn: statusIn(404, 400),
    },
  );
}

/**
 * The prediction's source-to-prediction lineage, as `npx provenant lineage prediction` prints it.
 * The serving log reaches the ledger in batches, so it waits until nothing is missing.
 */
export async function predictionLineage(
  ctx: PipelineContext,
  predictionId: string,
  timeoutMs = 30_000,
): Promise<string> {
  let missing = ['the prediction itself'];
  await pollUntil(
    () => `the complete lineage of ${predictionId} in the ledger (missing: ${missing.join('; ')})`,
    async () => {
      const tree = await ctx.auditor.ledger.predictionLineage(predictionId);
      missing = tree.missing as string[];
      return missing.length === 0;
    },
    { timeoutMs, intervalMs: 300, retryOn: statusIn(404) },
  );
  const out = await runCli(['lineage', 'prediction', predictionId, '--token', 'dev-auditor-token']);
  if (out.code !== 0) throw new Error(`provenant lineage prediction exited ${out.code}: ${out.output}`);
  return out.output;
}

/**
 * The model version's reproducibility report, one file per format, written by
 * `npx provenant report model … --key`: the CLI checks the signature and every inclusion proof
 * with the public key alone and prints what it verified.
 */
export async function writeReports(
  ctx: PipelineContext,
  model: string,
  version: string,
  { formats = ['md', 'html'], name = `report-${model}-v${version}` } = {},
): Promise<{ files: string[]; verified: string }> {
  const key = await ctx.auditor.ledger.publicKey();
  const files: string[] = [];
  let verified = '';
  for (const format of formats) {
    const file = join(ctx.outDir, `${name}.${format}`);
    const args = ['report', 'model', model, version, '--format', format, '--out', file, '--key', key];
    const out = await runCli([...args, '--token', 'dev-auditor-token']);
    if (out.code !== 0) throw new Error(`provenant report model exited ${out.code}: ${out.output}`);
    verified = out.output.trim();
    files.push(file);
  }
  return { files, verified };
}
