import { NodeSDK } from '@opentelemetry/sdk-node';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';

export interface TelemetryOptions {
  serviceName: string;
  serviceVersion?: string;
  /** Extra processors, e.g. an in-memory exporter in tests. */
  spanProcessors?: SpanProcessor[];
}

let sdk: NodeSDK | undefined;

/**
 * Must run before NestJS, pg or ioredis are imported: instrumentations patch modules at load time.
 * This is the one place that reads the environment outside the config schema, because it runs
 * before the schema exists; it only reads OpenTelemetry's own standard variables.
 *
 * KafkaJS is deliberately not auto-instrumented: events leave through the outbox relay, long after
 * the request that wrote them, so libs/events carries the writer's trace context in the outbox row
 * and injects it into Kafka headers itself. The auto-instrumentation would replace that header with
 * the relay's own (unrelated) context and break the trace.
 */
export function startTelemetry(options: TelemetryOptions): NodeSDK {
  if (sdk) return sdk;
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const spanProcessors: SpanProcessor[] = [...(options.spanProcessors ?? [])];
  if (endpoint) {
    spanProcessors.push(
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` })),
    );
  }
  // Zipkin is the trace viewer `npm run demo` starts (it installs from Maven Central).
  const zipkin = process.env.OTEL_EXPORTER_ZIPKIN_ENDPOINT;
  if (zipkin) spanProcessors.push(new BatchSpanProcessor(new ZipkinExporter({ url: zipkin })));
  sdk = new NodeSDK({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName,
      [ATTR_SERVICE_VERSION]: options.serviceVersion ?? '0.1.0',
    }),
    spanProcessors,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? ''),
      }),
      new ExpressInstrumentation(),
      new NestInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return sdk;
}

export async function shutdownTelemetry(): Promise<void> {
  await sdk?.shutdown().catch(() => undefined);
  sdk = undefined;
}
