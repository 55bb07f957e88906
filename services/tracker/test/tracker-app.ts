import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createServiceApp, parseConfig, serviceIdentity } from '@provenant/platform';
import type { TestEnv } from '@provenant/testing';
import { AppModule } from '../src/app.module';
import { trackerConfigSchema, type TrackerConfig } from '../src/config';
import { configureTrackerHttp } from '../src/http-setup';

export const SCIENTIST = 'dev-scientist-token';
export const AUDITOR = 'dev-auditor-token';

export interface TrackerUnderTest {
  app: INestApplication;
  url: string;
  config: TrackerConfig;
  /** Calls the API as the scientist by default; returns status and parsed JSON. */
  call(
    method: string,
    path: string,
    body?: unknown,
    token?: string | null,
  ): Promise<{ status: number; body: any }>;
}

/** Boots the tracker on a free port in the test's own database and topic namespace. */
export async function startTracker(
  env: TestEnv,
  extra: Record<string, string> = {},
): Promise<TrackerUnderTest> {
  const config = parseConfig(trackerConfigSchema, {
    DATABASE_URL: env.databaseUrl,
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: env.topicPrefix,
    TRACKER_BLOB_DIR: await mkdtemp(join(tmpdir(), 'tracker-blobs-')),
    LOG_LEVEL: 'silent',
    ...extra,
  });
  const app = await createServiceApp({
    identity: serviceIdentity('tracker'),
    module: AppModule.forRoot(config),
    description: 'test',
    bodyParser: false,
  });
  configureTrackerHttp(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const call = async (method: string, path: string, body?: unknown, token: string | null = SCIENTIST) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return { app, url, config, call };
}
