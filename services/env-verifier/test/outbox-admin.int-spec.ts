import type { INestApplication } from '@nestjs/common';
import { ConfigResourceTypes } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { RunStarted } from '@provenant/contracts';
import { EventMetaFactory, Outbox } from '@provenant/events';
import { runCli, useTestEnv, waitFor } from '@provenant/testing';
import { call, readEvents, startEnvVerifier } from './fixtures/env-verifier-app';

const ADMIN = 'dev-admin-token';
const metas = new EventMetaFactory({ name: 'env-verifier', version: 'test', instance: 'outbox-admin' });

/** A RunStarted of ~1.1 MB: over the broker's 1 MB message.max.bytes even alone. */
const huge = (): RunStarted => ({
  meta: metas.create({ subject: { kind: 'run', id: 'run-huge' } }),
  runId: 'run-huge',
  experimentId: 'exp-1',
  runName: 'z'.repeat(1_100_000),
  startTime: 1_764_000_000_000_000,
  userId: null,
  parentRunId: null,
  tags: [],
  code: null,
  environmentFingerprint: null,
});

// Any service's foundation has these endpoints; the env-verifier is the lightest to start.
describe('outbox_rejected: listing and re-driving parked events (admin endpoints and CLI)', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let url: string;
  let event: RunStarted;
  const cli = (args: string[]) => runCli(args, { PROVENANT_ENV_VERIFIER_URL: url });

  beforeAll(async () => {
    await env().createTopics(['provenant.environments.v1', 'provenant.runs.v1']);
    ({ app, url } = await startEnvVerifier(env()));
    event = huge();
    await app.get(DataSource).transaction((m) => app.get(Outbox).publish(m, 'RunStarted', event));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('lists the event Kafka refused, to admins only', async () => {
    await waitFor(
      async () => (await call(url, 'GET', '/admin/outbox/rejected', undefined, ADMIN)).body?.total === 1,
      { timeoutMs: 30_000, description: 'the 1.1 MB event parked' },
    );
    const listed = await cli(['outbox', 'rejected', '--service', 'env-verifier', '--json']);
    expect(listed.code).toBe(0);
    const [answer] = JSON.parse(listed.stdout).services;
    expect(answer.events).toEqual([
      expect.objectContaining({
        eventId: event.meta.eventId,
        eventType: 'RunStarted',
        topic: env().topic('provenant.runs.v1'),
        bytes: expect.any(Number),
        reason: expect.stringMatching(/larger than the max message size/),
      }),
    ]);
    expect(answer.events[0].bytes).toBeGreaterThan(1_100_000);
    const scientist = await call(url, 'GET', '/admin/outbox/rejected', undefined, 'dev-scientist-token');
    expect(scientist.status).toBe(403);
  }, 60_000);

  it('refuses a bad re-drive with the field or id at fault, and moves nothing', async () => {
    const stranger = '0190b0a0-0000-7000-8000-000000000001';
    const unknown = await call(
      url,
      'POST',
      '/admin/outbox/redrive',
      { eventIds: [event.meta.eventId, stranger] },
      ADMIN,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain(stranger);
    const malformed = await call(url, 'POST', '/admin/outbox/redrive', { eventIds: ['nope'] }, ADMIN);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body.message)).toContain('eventIds');
    const neither = await call(url, 'POST', '/admin/outbox/redrive', {}, ADMIN);
    expect(neither.status).toBe(400);
    expect((await call(url, 'GET', '/admin/outbox/rejected', undefined, ADMIN)).body.total).toBe(1);
  }, 30_000);

  it('publishes the event once the topic allows it, re-driven from the CLI', async () => {
    const admin = env().kafka().admin();
    await admin.connect();
    try {
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: env().topic('provenant.runs.v1'),
            configEntries: [{ name: 'max.message.bytes', value: '2097152' }],
          },
        ],
      });
    } finally {
      await admin.disconnect();
    }
    const redriven = await cli(['outbox', 'redrive', '--service', 'env-verifier', '--all']);
    expect(redriven.stdout).toContain(`env-verifier: 1 event(s) back in the outbox: ${event.meta.eventId}`);
    expect(redriven.code).toBe(0);
    const [published] = await readEvents(env(), 'provenant.runs.v1', 'RunStarted', 1);
    expect(published.meta.eventId).toBe(event.meta.eventId);
    expect(published.runName).toHaveLength(1_100_000);
    const after = await cli(['outbox', 'rejected', '--service', 'env-verifier']);
    expect(after.stdout).toContain('no parked events');
  }, 90_000);
});
