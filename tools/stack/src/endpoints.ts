export type ServiceName = 'kafka' | 'postgres' | 'redis';
export const SERVICE_NAMES: readonly ServiceName[] = ['kafka', 'postgres', 'redis'];

export interface StackEndpoints {
  kafkaBrokers: string[];
  databaseUrl: string;
  redisUrl: string;
}

export const DEFAULT_ENDPOINTS: StackEndpoints = {
  kafkaBrokers: ['127.0.0.1:9092'],
  databaseUrl: 'postgres://provenant:provenant@127.0.0.1:5432/provenant',
  redisUrl: 'redis://127.0.0.1:6379',
};

export const ENDPOINT_VARIABLES: Record<ServiceName, string> = {
  kafka: 'KAFKA_BROKERS',
  postgres: 'DATABASE_URL',
  redis: 'REDIS_URL',
};

export interface HostPort {
  host: string;
  port: number;
}

export interface DatabaseUrlParts extends HostPort {
  user: string;
  password: string;
  database: string;
}

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}

/** Reads the three endpoint variables, validating them so a typo fails here with the variable's name. */
export function resolveEndpoints(env: NodeJS.ProcessEnv = process.env): StackEndpoints {
  const endpoints: StackEndpoints = {
    kafkaBrokers: env.KAFKA_BROKERS
      ? env.KAFKA_BROKERS.split(',')
          .map((b) => b.trim())
          .filter(Boolean)
      : DEFAULT_ENDPOINTS.kafkaBrokers,
    databaseUrl: env.DATABASE_URL || DEFAULT_ENDPOINTS.databaseUrl,
    redisUrl: env.REDIS_URL || DEFAULT_ENDPOINTS.redisUrl,
  };
  for (const name of SERVICE_NAMES) serviceAddress(name, endpoints);
  parseDatabaseUrl(endpoints.databaseUrl);
  return endpoints;
}

/** The address the stack checks and, when it is a loopback one, starts a service on. */
export function serviceAddress(name: ServiceName, endpoints: StackEndpoints): HostPort {
  switch (name) {
    case 'kafka':
      if (endpoints.kafkaBrokers.length === 0) throw new Error('KAFKA_BROKERS is empty');
      return parseHostPort(endpoints.kafkaBrokers[0], 'KAFKA_BROKERS');
    case 'postgres':
      return parseUrlAddress(endpoints.databaseUrl, ['postgres:', 'postgresql:'], 5432, 'DATABASE_URL');
    case 'redis':
      return parseUrlAddress(endpoints.redisUrl, ['redis:'], 6379, 'REDIS_URL');
  }
}

export function formatAddress({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function parseHostPort(value: string, variable: string): HostPort {
  const match = /^(\[[^\]]+\]|[^:/\s]+):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535) {
    throw new Error(`${variable}: "${value}" is not a host:port broker address`);
  }
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

export function parseDatabaseUrl(url: string): DatabaseUrlParts {
  const { host, port } = parseUrlAddress(url, ['postgres:', 'postgresql:'], 5432, 'DATABASE_URL');
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!parsed.username || !database) {
    throw new Error(
      'DATABASE_URL must name a user and a database, e.g. postgres://user:pass@127.0.0.1:5432/db',
    );
  }
  return {
    host,
    port,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function parseUrlAddress(url: string, protocols: string[], defaultPort: number, variable: string): HostPort {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${variable}: "${url}" is not a URL`);
  }
  if (!protocols.includes(parsed.protocol) || !parsed.hostname) {
    throw new Error(`${variable}: "${url}" must be a ${protocols[0]}//host:port/... URL`);
  }
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : defaultPort,
  };
}
