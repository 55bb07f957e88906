import net from 'node:net';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Client, ClientConfig } from 'pg';
import { HostPort, ServiceName, StackEndpoints } from './endpoints';

export type ProbeResult = { ok: true } | { ok: false; reason: string };

// Each probe speaks the real protocol with the configured credentials: an open port alone can be
// a half-started broker, a system PostgreSQL with other users, or something else entirely.

export async function probeService(name: ServiceName, endpoints: StackEndpoints): Promise<ProbeResult> {
  switch (name) {
    case 'kafka':
      return probeKafka(endpoints.kafkaBrokers);
    case 'postgres':
      return probePostgres({ connectionString: endpoints.databaseUrl });
    case 'redis':
      return probeRedis(endpoints.redisUrl);
  }
}

export async function probeKafka(brokers: string[]): Promise<ProbeResult> {
  const kafka = new Kafka({
    clientId: 'provenant-stack-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 3_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  return attempt(async () => {
    try {
      await admin.connect();
      await admin.describeCluster();
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  });
}

export async function probePostgres(config: ClientConfig): Promise<ProbeResult> {
  const client = new Client({ ...config, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  return attempt(async () => {
    try {
      await client.connect();
      await client.query('select 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  });
}

export async function probeRedis(url: string): Promise<ProbeResult> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  return attempt(async () => {
    try {
      await client.connect();
      const reply = await client.ping();
      if (reply !== 'PONG') throw new Error(`PING answered ${reply}`);
    } finally {
      client.disconnect();
    }
  });
}

/** A bare TCP connect: used only to tell "nothing there" from "something there that is not ours". */
export function isListening({ host, port }: HostPort, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (listening: boolean) => {
      socket.destroy();
      resolve(listening);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function attempt(check: () => Promise<void>): Promise<ProbeResult> {
  try {
    await check();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message || error.name : String(error) };
  }
}
