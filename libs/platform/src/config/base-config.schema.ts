import { z } from 'zod';

/** A comma-separated list of `host:port` pairs, as KafkaJS expects its `brokers`. */
export const kafkaBrokers = z
  .string()
  .default('127.0.0.1:9092')
  .transform((raw, ctx) => {
    const brokers = raw
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
    const bad = brokers.find((b) => !/^[A-Za-z0-9.\-_]+:\d{1,5}$/.test(b));
    if (brokers.length === 0 || bad !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected host:port[,host:port…], got "${raw}"` });
      return z.NEVER;
    }
    return brokers;
  });

/** A URL with one of the given protocols (e.g. `postgres:`), kept as a string. */
export const urlWithProtocol = (protocols: string[], fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine(
      (raw) => {
        try {
          return protocols.includes(new URL(raw).protocol);
        } catch {
          return false;
        }
      },
      (raw) => ({ message: `expected a ${protocols.join(' or ')}// URL, got "${raw}"` }),
    );

export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** Variables every service reads. Each service extends this with its own. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAFKA_BROKERS: kafkaBrokers,
  KAFKA_CLIENT_ID_PREFIX: z.string().min(1).default('provenant'),
  /** Prefix prepended to every topic name; lets test runs share one broker without colliding. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/)
    .default(''),
  DATABASE_URL: urlWithProtocol(
    ['postgres:', 'postgresql:'],
    'postgres://provenant:provenant@127.0.0.1:5432/provenant',
  ),
  /** `token-sha256:principal:role|role,...`; see docs/security.md. Empty means the development token set. */
  PROVENANT_TOKENS: z.string().default(''),
  PROVENANT_TOKENS_FILE: z.string().optional(),
  INSTANCE_ID: z.string().min(1).optional(),
  /** Connections per instance, and how long a query may wait for one before failing (503). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  DATABASE_POOL_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_ZIPKIN_ENDPOINT: z.string().url().optional(),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** Variables of an HTTP service: where it listens and which PostgreSQL schema it owns. */
export const httpServiceConfigSchema = (defaults: { port: number; schema: string }) =>
  baseConfigSchema.extend({
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port(defaults.port),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'expected a lowercase SQL identifier')
      .default(defaults.schema),
  });

export const redisUrl = urlWithProtocol(['redis:', 'rediss:'], 'redis://127.0.0.1:6379');
