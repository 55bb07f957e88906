import { readFile } from 'node:fs/promises';
import { writeReports, type PipelineContext } from '@provenant/demo';

export interface Lab6Result {
  /** The report as JSON (`GET /reports/models/{name}/{version}`). */
  report: {
    missing: string[];
    data: unknown[];
    code: Record<string, unknown>;
    environment: Record<string, unknown>;
    training: Record<string, unknown>;
    promotions: { target: string; decision: string; approvals: { principal: string }[] }[];
    modelCard: { card: Record<string, unknown> } | null;
    annexIV: { item: string; coverage: string }[];
  };
  files: string[];
  /** What `--key` verification printed (signature and every inclusion proof). */
  verified: string;
}

/**
 * Lab 6: the reproducibility report regulators ask for (data, code, environment, metrics,
 * promotions and approvers, the model card, EU AI Act Annex IV coverage), every claim cited by
 * its ledger leaf and checked, offline, against the signed checkpoint with the public key.
 */
export async function runLab6(ctx: PipelineContext, model: string, version: string): Promise<Lab6Result> {
  const { files, verified } = await writeReports(ctx, model, version, {
    formats: ['json', 'md', 'html'],
    name: 'lab6-report',
  });
  const report = JSON.parse(await readFile(files[0], 'utf8')) as Lab6Result['report'];
  return { report, files, verified };
}
