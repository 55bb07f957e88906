import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { useTestEnv, waitFor } from '@provenant/testing';
import { AUDITOR, getText, produce, startLedger } from './fixtures/ledger-app';
import { newRunId, runTagsSet } from './fixtures/ledger-events';
import { readTopic } from './fixtures/topic-reader';

/**
 * A superuser changes the log behind the service's back (granting itself UPDATE and disabling the
 * append-only trigger, as only a superuser or the owner could). Verification must catch it.
 */
describe('audit-ledger: tamper detection', () => {
  let app: INestApplication;
  let url: string;
  let db: Client;
  let ledgerTopic: Awaited<ReturnType<typeof readTopic>>;
  // Declared before useTestEnv(): Jest runs afterAll hooks in declaration order, and the app must
  // stop before the test database is dropped.
  afterAll(async () => {
    await ledgerTopic?.stop();
    await db?.end();
    await app?.close();
  });
  const env = useTestEnv();

  const verify = async () =>
    (await (await fetch(`${url}/ledger/verify`, { method: 'POST', headers: AUDITOR })).json()) as any;
  const ready = async () => {
    const res = await fetch(`${url}/health/ready`);
    return { status: res.status, body: (await res.json()) as any };
  };
  const asSuperuser = async (sql: string, params: unknown[] = []) => {
    await db.query('BEGIN');
    await db.query('GRANT UPDATE ON audit_ledger.ledger_leaves TO CURRENT_USER');
    await db.query('ALTER TABLE audit_ledger.ledger_leaves DISABLE TRIGGER append_only');
    await db.query(sql, params);
    await db.query('ALTER TABLE audit_ledger.ledger_leaves ENABLE TRIGGER append_only');
    await db.query('REVOKE UPDATE ON audit_ledger.ledger_leaves FROM CURRENT_USER');
    await db.query('COMMIT');
  };

  beforeAll(async () => {
    ({ app, url } = await startLedger(env()));
    db = new Client({ connectionString: env().databaseUrl });
    await db.connect();
    const run = newRunId();
    await produce(
      env(),
      Array.from({ length: 10 }, (_, i) => runTagsSet(run, i)),
    );
    await waitFor(async () => (await getText(`${url}/ledger/checkpoint`)).text.split('\n')[1] === '10', {
      timeoutMs: 30_000,
    });
    ledgerTopic = await readTopic(
      env().kafka(),
      env().topic('provenant.ledger.v1'),
      env().topic('tamper-reader'),
    );
  });

  it('publishes each signed checkpoint as LedgerCheckpointSigned', async () => {
    const note = (await getText(`${url}/ledger/checkpoint`)).text;
    await waitFor(async () => ledgerTopic.seen.some((e) => e.value.note === note), { timeoutMs: 15_000 });
    const event = ledgerTopic.seen.find((e) => e.value.note === note)!;
    expect(event.eventType).toBe('LedgerCheckpointSigned');
    expect(event.value).toMatchObject({ origin: 'provenant.local/audit-ledger', treeSize: 10 });
  });

  it('verifies an untouched log and is ready', async () => {
    expect(await verify()).toEqual({ ok: true, treeSize: 10 });
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body.info['ledger-integrity'].verified).toBe(true);
  });

  it('names the first changed leaf, raises LedgerIntegrityViolation and turns /health/ready to 503', async () => {
    const [{ leaf }] = (await db.query('SELECT leaf FROM audit_ledger.ledger_leaves WHERE leaf_index = 4'))
      .rows;
    const forged = Buffer.from(leaf);
    forged[forged.length - 1] ^= 0x01;
    await asSuperuser('UPDATE audit_ledger.ledger_leaves SET leaf = $1 WHERE leaf_index = 4', [forged]);

    const result = await verify();
    expect(result).toMatchObject({ ok: false, kind: 'LEAF_HASH_MISMATCH', firstBadIndex: 4, treeSize: 10 });
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.error['ledger-integrity'].message).toMatch(/LEAF_HASH_MISMATCH at leaf 4/);
    await waitFor(async () => ledgerTopic.seen.some((e) => e.eventType === 'LedgerIntegrityViolation'), {
      timeoutMs: 15_000,
    });
    const violation = ledgerTopic.seen.find((e) => e.eventType === 'LedgerIntegrityViolation')!;
    expect(violation.value).toMatchObject({
      kind: 'LEAF_HASH_MISMATCH',
      firstBadIndex: 4,
      violationId: result.violationId,
    });

    await asSuperuser('UPDATE audit_ledger.ledger_leaves SET leaf = $1 WHERE leaf_index = 4', [leaf]);
    expect((await verify()).ok).toBe(true);
    expect((await ready()).status).toBe(200);
  });

  it('catches a forger who also rewrites the leaf hash, at the first node above it', async () => {
    const [{ leaf }] = (await db.query('SELECT leaf FROM audit_ledger.ledger_leaves WHERE leaf_index = 7'))
      .rows;
    const forged = Buffer.concat([leaf, Buffer.from([0])]);
    await asSuperuser(
      `UPDATE audit_ledger.ledger_leaves SET leaf = $1, leaf_hash = sha256('\\x00'::bytea || $1::bytea) WHERE leaf_index = 7`,
      [forged],
    );
    expect(await verify()).toMatchObject({ ok: false, kind: 'NODE_HASH_MISMATCH', firstBadIndex: 6 });
    expect((await ready()).status).toBe(503);
  });
});
