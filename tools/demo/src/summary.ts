import pc from 'picocolors';
import { SERVICE_CATALOG, serviceUrl } from '@provenant/sdk';
import type { PipelineOutcome } from './pipeline/run-pipeline';
import { heading } from './runner';
import { traceServices, zipkinUrl } from '@provenant/stack';

/** Where to look next: the trace, the metrics, the files. */
export async function printSummary(o: PipelineOutcome & { outDir: string }): Promise<void> {
  const services = await traceServices(o.traceId, 5);
  heading('Where to look');
  const lines = [
    `trace      ${zipkinUrl}/zipkin/traces/${o.traceId}  (${services.length} services: ${services.join(', ')})`,
    `metrics    ${SERVICE_CATALOG.map((s) => `${serviceUrl(s.name)}/metrics`).join('  ')}`,
    `checkpoint ${pc.dim(o.proof.note.split('\n').slice(0, 3).join(' | '))}`,
    `files      ${o.outDir}/{training-set.json,model.json}`,
    `report     ${o.reports.find((f) => f.endsWith('.html'))}`,
    `stop       npm stop  (services; add -- --stack for Kafka, PostgreSQL, Redis, Zipkin)`,
  ];
  for (const l of lines) process.stdout.write(`  ${l}\n`);
  if (services.length < 4)
    throw new Error(`the pipeline's trace spans ${services.length} services in Zipkin, expected at least 4`);
}
