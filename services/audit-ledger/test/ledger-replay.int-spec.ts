import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { freePort, useTestEnv, waitFor } from '@provenant/testing';
import { ledgerEnv, produce, startLedger } from './fixtures/ledger-app';
import { newRunId, runTagsSet, unknownEvent } from './fixtures/ledger-events';
import { LEDGER_TOPICS } from '../src/ledger/ledger-consumer';

const TOTAL = 10_000;
const root = path.resolve(__dirname, '../../..');

/**
 * Order is the partition's order, so one subject (one partition) must give the same tree however
 * it is consumed: from offset 0 into an empty database, or killed with SIGKILL halfway and
 * restarted (redelivered events are not appended twice).
 */
describe('audit-ledger: replay and crash recovery reach the same root', () => {
  let app: INestApplication | undefined;
  let child: ChildProcess | undefined;
  let db: Client;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await app?.close();
    await db?.end();
  });
  const env = useTestEnv();

  const count = async (schema: string) =>
    Number(
      (
        await db
          .query(`SELECT count(*) AS n FROM ${schema}.ledger_leaves`)
          .catch(() => ({ rows: [{ n: 0 }] }))
      ).rows[0].n,
    );
  const signedRoot = async (schema: string, size: number) =>
    (await db.query(`SELECT root_hash FROM ${schema}.ledger_checkpoints WHERE tree_size = $1`, [size]))
      .rows[0]?.root_hash as Buffer | undefined;
  const spawnLedger = async (schema: string) =>
    spawn(process.execPath, ['-r', '@swc-node/register', 'services/audit-ledger/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        SWC_NODE_PROJECT: path.join(root, 'tsconfig.json'),
        ...ledgerEnv(env(), { DATABASE_SCHEMA: schema, PORT: String(await freePort()) }),
      },
      stdio: 'ignore',
    });

  it('replays from offset 0 after a SIGKILL mid-stream to the root of an uninterrupted run', async () => {
    db = new Client({ connectionString: env().databaseUrl });
    await db.connect();
    const run = newRunId();
    const events = Array.from({ length: TOTAL }, (_, i) =>
      i === 100 ? unknownEvent(run) : runTagsSet(run, i),
    );
    await produce(env(), events);

    // The uninterrupted run.
    ({ app } = await startLedger(env(), { DATABASE_SCHEMA: 'ledger_a' }));
    await waitFor(async () => (await signedRoot('ledger_a', TOTAL)) !== undefined, { timeoutMs: 60_000 });
    const expected = (await signedRoot('ledger_a', TOTAL))!;
    await app.close();
    app = undefined;

    // Replay from offset 0 into an empty schema, in a real process killed halfway.
    const admin = env().kafka().admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    for (const topic of LEDGER_TOPICS.map((t) => env().topic(t)).filter((t) => existing.has(t)))
      await admin.resetOffsets({ groupId: env().topic('provenant.audit-ledger'), topic, earliest: true });
    await admin.disconnect();

    child = await spawnLedger('ledger_c');
    await waitFor(async () => (await count('ledger_c')) > 0, { timeoutMs: 60_000, intervalMs: 5 });
    child.kill('SIGKILL');
    const atKill = await count('ledger_c');
    expect(atKill).toBeLessThan(TOTAL);

    child = await spawnLedger('ledger_c');
    await waitFor(async () => (await signedRoot('ledger_c', TOTAL)) !== undefined, { timeoutMs: 100_000 });
    expect(await count('ledger_c')).toBe(TOTAL);
    expect((await signedRoot('ledger_c', TOTAL))!.toString('hex')).toBe(expected.toString('hex'));
  }, 240_000);
});
