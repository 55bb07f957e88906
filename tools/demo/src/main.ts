import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { trace } from '@opentelemetry/api';
import pc from 'picocolors';
import { shutdownTelemetry, startTelemetry } from '@provenant/platform';
import { ensureStack, ensureZipkin, stackPaths, zipkinUrl } from '@provenant/stack';
import { heading, StepFailed, step, seconds } from './runner';
import { ensureTracedServices } from './services';

import { runPipeline } from './pipeline/run-pipeline';
import { printSummary } from './summary';

async function main(): Promise<void> {
  const t0 = Date.now();
  const outDir = path.join(stackPaths().stateDir, 'demo');
  mkdirSync(outDir, { recursive: true });
  heading('Provenant demo: a courier offer-acceptance model, from source rows to an audited prediction');
  const quiet = () => undefined;
  const endpoints = await step(
    'local stack',
    () => ensureStack({ log: quiet }),
    (e) => `Kafka ${e.kafkaBrokers.join(',')}, PostgreSQL, Redis`,
  );
  const zipkinEndpoint = `${zipkinUrl}/api/v2/spans`;
  // Both take a while to boot (JVM; six Node processes): side by side.
  await step(
    'six services and the trace viewer',
    async () => {
      const [zipkin, services] = await Promise.all([
        ensureZipkin(quiet),
        ensureTracedServices(zipkinEndpoint),
      ]);
      return { zipkin, services };
    },
    ({ zipkin, services }) =>
      `services ready${services.restarted.length ? ` (restarted with tracing: ${services.restarted.join(', ')})` : ''}; Zipkin ${zipkinUrl}${zipkin.started ? ' started' : ''}`,
  );

  process.env.OTEL_EXPORTER_ZIPKIN_ENDPOINT = zipkinEndpoint;
  startTelemetry({ serviceName: 'demo-pipeline' });
  const tracer = trace.getTracer('provenant-demo');
  const outcome = await tracer.startActiveSpan('demo pipeline', async (root) => {
    try {
      return await runPipeline({ brokers: endpoints.kafkaBrokers, outDir });
    } finally {
      root.end();
      await shutdownTelemetry(); // flushes the spans to Zipkin
    }
  });
  const traceId = outcome.traceId;
  await printSummary({ ...outcome, traceId, outDir });
  process.stdout.write(`\n${pc.green('demo complete')} in ${seconds(t0)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const reason =
      err instanceof StepFailed
        ? err.message
        : err instanceof Error
          ? (err.stack ?? err.message)
          : String(err);
    process.stderr.write(`\n${pc.red('demo failed')}: ${reason}\n`);
    process.exit(1);
  },
);
