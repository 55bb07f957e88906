import { join } from 'node:path';
import type { VerifiedInclusion } from '@provenant/sdk';
import { cli } from '../services';
import type { PipelineContext } from './context';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  const t0 = Date.now();
  for (;;) {
    try {
      return await ctx.auditor.ledger.proveEvent(eventId, key);
    } catch (err) {
      const status = (err as { status?: number }).status;
      // 404: not appended yet; 400: appended but not yet under a signed checkpoint.
      if ((status !== 404 && status !== 400) || Date.now() - t0 > timeoutMs) throw err;
      await sleep(250);
    }
  }
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
  const t0 = Date.now();
  for (;;) {
    const tree = await ctx.auditor.ledger.predictionLineage(predictionId).catch(() => null);
    if (tree && (tree.missing as string[]).length === 0) break;
    if (Date.now() - t0 > timeoutMs)
      throw new Error(
        `lineage of ${predictionId} incomplete after ${timeoutMs / 1000} s: ${tree ? (tree.missing as string[]).join('; ') : 'not in the ledger'}`,
      );
    await sleep(300);
  }
  const out = await cli(['lineage', 'prediction', predictionId, '--token', 'dev-auditor-token']);
  if (out.code !== 0) throw new Error(`provenant lineage prediction exited ${out.code}: ${out.output}`);
  return out.output;
}

/** The model version's reproducibility report in Markdown and HTML, every proof checked with the key. */
export async function writeReports(ctx: PipelineContext, version: string): Promise<string[]> {
  const key = await ctx.auditor.ledger.publicKey();
  const files: string[] = [];
  for (const format of ['md', 'html']) {
    const file = join(ctx.outDir, `report-${ctx.model}-v${version}.${format}`);
    const out = await cli([
      'report',
      'model',
      ctx.model,
      version,
      '--format',
      format,
      '--out',
      file,
      '--key',
      key,
      '--token',
      'dev-auditor-token',
    ]);
    if (out.code !== 0) throw new Error(`provenant report model exited ${out.code}: ${out.output}`);
    files.push(file);
  }
  return files;
}
