import type { z } from 'zod';
import {
  buildArgsOf,
  dependenciesOf,
  environmentOf,
  interpolate,
  portsOf,
  type ComposeFile,
  type ComposeService,
} from './compose-syntax';

/** What the compose file must agree with for one service; taken from the code, never restated. */
export interface ServiceSpec {
  /** Compose service name, as in SERVICE_CATALOG. */
  name: string;
  /** SERVICE_CATALOG port: the CLI and the SDK call the service there. */
  port: number;
  /** The service's config schema, and its export name for messages. */
  schema: z.AnyZodObject;
  schemaName: string;
}

/**
 * The variables that name another container. A service whose schema reads one must set it to that
 * container (the schema defaults say 127.0.0.1, which inside a container is the service itself) and
 * wait for it. Jaeger is only awaited to have started: tracing is best effort and it has no healthcheck.
 */
export const CONNECTIONS = [
  { variable: 'KAFKA_BROKERS', service: 'kafka', condition: 'service_healthy' },
  { variable: 'DATABASE_URL', service: 'postgres', condition: 'service_healthy' },
  { variable: 'REDIS_URL', service: 'redis', condition: 'service_healthy' },
  { variable: 'OTEL_EXPORTER_OTLP_ENDPOINT', service: 'jaeger', condition: 'service_started' },
] as const;

export const INFRASTRUCTURE = CONNECTIONS.map((c) => c.service);

const LOOPBACK = ['127.0.0.1', 'localhost', '::1', '[::1]'];

/** Every way the compose file disagrees with the services' code, as readable lines; empty when none. */
export function checkComposeFile(compose: ComposeFile, specs: readonly ServiceSpec[]): string[] {
  const services = compose.services ?? {};
  const problems = INFRASTRUCTURE.filter((name) => !services[name]).map(
    (name) => `${name}: service is missing`,
  );
  for (const spec of specs) {
    const service = services[spec.name];
    if (!service) problems.push(`${spec.name}: service is missing`);
    else problems.push(...checkService(spec, service, services).map((p) => `${spec.name}: ${p}`));
  }
  return problems;
}

function checkService(
  spec: ServiceSpec,
  service: ComposeService,
  all: Record<string, ComposeService>,
): string[] {
  const problems: string[] = [];
  const env: Record<string, string> = {};
  for (const [key, raw] of Object.entries(environmentOf(service))) {
    if (!(key in spec.schema.shape)) problems.push(`${key} is not a variable of ${spec.schemaName}`);
    if (raw === null) problems.push(`${key} is passed through from the host; give it a value`);
    const { value, fromHost } = interpolate(raw ?? '');
    fromHost.forEach((v) => problems.push(`${key} uses \${${v}} without a default`));
    env[key] = value;
  }

  // What the service would actually run with: the image's defaults are not applied here, so the
  // compose file must say everything that matters itself.
  const parsed = spec.schema.safeParse(env);
  if (!parsed.success) {
    return [
      ...problems,
      ...parsed.error.issues.map((i) => `${spec.schemaName} rejects ${i.path.join('.')}: ${i.message}`),
    ];
  }
  const config = parsed.data as Record<string, unknown>;

  if (config.PORT !== spec.port) problems.push(`PORT is ${config.PORT}, SERVICE_CATALOG says ${spec.port}`);
  const ports = portsOf(service);
  if (!ports.some((p) => p.target === config.PORT && p.published === spec.port)) {
    problems.push(
      `must publish ${spec.port}:${config.PORT} (host:container); ports are ${JSON.stringify(service.ports ?? [])}`,
    );
  }
  ports
    .filter((p) => p.target !== config.PORT)
    .forEach((p) =>
      problems.push(`publishes container port ${p.target}, but the service listens on ${config.PORT}`),
    );
  if (LOOPBACK.includes(String(config.HOST)))
    problems.push(`HOST ${config.HOST} is unreachable from outside the container`);

  const args = buildArgsOf(service);
  if (args && (args.SERVICE !== spec.name || args.PORT !== String(spec.port))) {
    problems.push(`build args must be SERVICE=${spec.name} PORT=${spec.port}, are ${JSON.stringify(args)}`);
  }

  const dependencies = dependenciesOf(service);
  for (const c of CONNECTIONS.filter((c) => c.variable in spec.schema.shape)) {
    const hosts = hostsOf(config[c.variable]);
    if (hosts.length === 0) problems.push(`${c.variable} is not set; it must point at ${c.service}`);
    hosts
      .filter((h) => h !== c.service)
      .forEach((h) => problems.push(`${c.variable} points at ${h}, not ${c.service}`));
    if (dependencies[c.service] !== c.condition) {
      problems.push(
        `depends_on must have ${c.service} with condition ${c.condition} (has ${dependencies[c.service] ?? 'none'})`,
      );
    }
    if (c.condition === 'service_healthy' && !all[c.service]?.healthcheck) {
      problems.push(`waits for ${c.service} to be healthy, but ${c.service} has no healthcheck`);
    }
  }
  // A broker address only works if Kafka advertises it: clients reconnect to what metadata returns.
  const advertised = environmentOf(all.kafka ?? {}).KAFKA_ADVERTISED_LISTENERS ?? '';
  for (const broker of Array.isArray(config.KAFKA_BROKERS) ? (config.KAFKA_BROKERS as string[]) : []) {
    if (!advertised.includes(`//${broker}`))
      problems.push(`KAFKA_BROKERS ${broker} is not a listener kafka advertises`);
  }
  return problems;
}

/** Host names in a parsed connection value: a `host:port` list (KAFKA_BROKERS) or a URL. */
function hostsOf(value: unknown): string[] {
  if (value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.map((b: string) => b.slice(0, b.lastIndexOf(':')));
  try {
    return [new URL(String(value)).hostname];
  } catch {
    return [String(value)];
  }
}
