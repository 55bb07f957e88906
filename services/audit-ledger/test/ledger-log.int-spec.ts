import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { consumerGroupOf, deadLetterTopicOf } from '@provenant/contracts';
import { runCli, useTestEnv, waitFor } from '@provenant/testing';
import { AUDITOR, getJson, getText, produce, startLedger } from './fixtures/ledger-app';
import {
  newRunId,
  runInputsLogged,
  runTagsSet,
  unknownEvent,
  type ProducedEvent,
} from './fixtures/ledger-events';
import { rfc } from './fixtures/rfc9162-verifier';

describe('audit-ledger: the log', () => {
  let app: INestApplication;
  let url: string;
  const runA = newRunId();
  const events: ProducedEvent[] = [];
  let unknown: ProducedEvent;
  // Declared before useTestEnv(): Jest runs afterAll hooks in declaration order, and the app must
  // stop before the test database is dropped.
  afterAll(async () => {
    await app?.close();
  });
  const env = useTestEnv();

  const entries = async () =>
    (await getJson(`${url}/ledger/entries?start=0&limit=1000`)).body.entries as any[];

  beforeAll(async () => {
    ({ app, url } = await startLedger(env()));
    // Two subjects (so two partitions may interleave), one dataset input, one unknown event type.
    const runB = newRunId();
    for (let i = 0; i < 20; i++) events.push(runTagsSet(i % 2 ? runA : runB, i));
    events.push(runInputsLogged(runA, 'driver_stats', `sha256:${'ab'.repeat(32)}`));
    unknown = unknownEvent(runA);
    events.push(unknown);
    // Redelivery: the same bytes again, as a relay that crashed before marking them sent would.
    await produce(env(), [...events, events[3], events[7]]);
    await waitFor(async () => (await entries()).length === events.length, { timeoutMs: 30_000 });
  });

  it('records each event exactly once, as its exact bytes with the RFC 9162 leaf hash', async () => {
    await new Promise((r) => setTimeout(r, 1000)); // give duplicates time to (not) arrive
    const got = await entries();
    expect(got).toHaveLength(events.length);
    expect(new Set(got.map((e) => e.eventId)).size).toBe(events.length);
    expect(got.map((e) => e.leafIndex)).toEqual(events.map((_, i) => i));
    const produced = new Map(events.map((e) => [e.eventId, e.value]));
    for (const entry of got) {
      const leaf = Buffer.from(entry.leaf, 'base64');
      expect(leaf.equals(produced.get(entry.eventId)!)).toBe(true);
      expect(entry.leafHash).toBe(rfc.leafHash(leaf).toString('hex'));
    }
  });

  it('keeps each subject in its partition order', async () => {
    const got = await entries();
    const order = events.filter((e) => e.key === runA).map((e) => e.eventId);
    expect(got.map((e) => e.eventId).filter((id) => order.includes(id))).toEqual(order);
  });

  it('records an event type it was never built with, from its metadata and raw bytes', async () => {
    const entry = (await entries()).find((e) => e.eventId === unknown.eventId);
    expect(Buffer.from(entry.leaf, 'base64').equals(unknown.value)).toBe(true);
  });

  it('signs a checkpoint over every leaf that an independent verifier accepts with the public key alone', async () => {
    const key = await getText(`${url}/ledger/public-key`);
    expect(key.status).toBe(200);
    expect(key.text.trim()).toMatch(/^provenant\.local\/audit-ledger\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    await waitFor(
      async () => (await getText(`${url}/ledger/checkpoint`)).text.split('\n')[1] === String(events.length),
      {
        timeoutMs: 10_000,
      },
    );
    const cp = await getText(`${url}/ledger/checkpoint`);
    expect(cp.type).toMatch(/^text\/plain/);
    const opened = rfc.openCheckpoint(cp.text, key.text);
    const leaves = (await entries()).map((e) => Buffer.from(e.leaf, 'base64'));
    expect(opened).toEqual({
      origin: 'provenant.local/audit-ledger',
      size: events.length,
      root: rfc.mth(leaves),
    });
    expect(() => rfc.openCheckpoint(cp.text.replace(/\n(\d+)\n/, '\n1\n'), key.text)).toThrow(
      /bad signature/,
    );
  });

  it('serves inclusion proofs, by index and by event id, that the independent verifier accepts', async () => {
    const leaves = (await entries()).map((e) => Buffer.from(e.leaf, 'base64'));
    const root = rfc.mth(leaves);
    for (let i = 0; i < leaves.length; i++) {
      const { status, body } = await getJson(
        `${url}/ledger/proofs/inclusion?leafIndex=${i}&treeSize=${leaves.length}`,
      );
      expect(status).toBe(200);
      const path = body.hashes.map((h: string) => Buffer.from(h, 'hex'));
      expect(rfc.verifyInclusion(i, leaves.length, rfc.leafHash(leaves[i]), path, root)).toBe(true);
      expect(rfc.verifyInclusion(i, leaves.length, rfc.leafHash(Buffer.from('forged')), path, root)).toBe(
        false,
      );
    }
    const byId = await getJson(`${url}/ledger/proofs/inclusion?eventId=${unknown.eventId}`);
    const index = (await entries()).findIndex((e) => e.eventId === unknown.eventId);
    expect(byId.body).toMatchObject({
      leafIndex: index,
      treeSize: events.length,
      rootHash: root.toString('hex'),
    });
    const path = byId.body.hashes.map((h: string) => Buffer.from(h, 'hex'));
    expect(rfc.verifyInclusion(index, events.length, rfc.leafHash(unknown.value), path, root)).toBe(true);
    expect(
      rfc.openCheckpoint(byId.body.checkpoint, (await getText(`${url}/ledger/public-key`)).text).root,
    ).toEqual(root);
  });

  it('serves consistency proofs between any two sizes that the independent verifier accepts', async () => {
    const leaves = (await entries()).map((e) => Buffer.from(e.leaf, 'base64'));
    const n = leaves.length;
    for (const first of [1, 2, 3, 7, 8, 13, n]) {
      const { body } = await getJson(`${url}/ledger/proofs/consistency?first=${first}&second=${n}`);
      const path = body.hashes.map((h: string) => Buffer.from(h, 'hex'));
      const [r1, r2] = [rfc.mth(leaves.slice(0, first)), rfc.mth(leaves)];
      expect(rfc.verifyConsistency(first, n, r1, r2, path)).toBe(true);
      if (first < n)
        expect(
          rfc.verifyConsistency(
            first,
            n,
            rfc.mth([...leaves.slice(0, first - 1), Buffer.from('x')]),
            r2,
            path,
          ),
        ).toBe(false);
    }
  });

  it('answers 400 naming the field for a bad query, and 404 for an unknown event id', async () => {
    const bad = await getJson(`${url}/ledger/proofs/inclusion?leafIndex=-1&treeSize=3`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/leafIndex/);
    const tooBig = await getJson(`${url}/ledger/proofs/inclusion?leafIndex=0&treeSize=999999`);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.message).toMatch(/treeSize/);
    const cons = await getJson(`${url}/ledger/proofs/consistency?first=0&second=3`);
    expect(cons.status).toBe(400);
    expect(JSON.stringify(cons.body.message)).toMatch(/first/);
    const limit = await getJson(`${url}/ledger/entries?limit=5000`);
    expect(JSON.stringify(limit.body.message)).toMatch(/limit/);
    expect(
      (await getJson(`${url}/ledger/proofs/inclusion?eventId=00000000-0000-4000-8000-000000000000`)).status,
    ).toBe(404);
  });

  it('answers inclusion proofs ahead of Nest exactly as the Nest route does, errors included', async () => {
    // A second ledger on the same log that answers through Nest only, and consumes nothing.
    const nest = await startLedger(env(), { LEDGER_FAST_PATH: 'off', LEDGER_CONSUME: 'false' });
    const n = events.length;
    const asked: [Record<string, string>, string][] = [
      ...[
        `leafIndex=3&treeSize=${n}`,
        'leafIndex=3',
        `eventId=${unknown.eventId}`,
        'leafIndex=-1&treeSize=3',
        'leafIndex=abc',
        'leafIndex=1.5&treeSize=0',
        'leafIndex=1&leafIndex=2',
        'leafIndex=1&sort=desc',
        'eventId=not-a-uuid',
        `leafIndex=1&eventId=${unknown.eventId}`,
        '',
        'leafIndex=0&treeSize=999999',
        'leafIndex=5&treeSize=3',
        `leafIndex=${n}`,
        'eventId=00000000-0000-4000-8000-000000000000',
      ].map((q): [Record<string, string>, string] => [AUDITOR, q]),
      [{}, 'leafIndex=0'],
      [{ Authorization: 'Bearer dev-scientist-token' }, 'leafIndex=0'],
    ];
    try {
      for (const [headers, q] of asked) {
        const [fast, slow] = await Promise.all(
          [url, nest.url].map(async (base) => {
            const res = await fetch(`${base}/ledger/proofs/inclusion?${q}`, { headers });
            const { status } = res;
            return {
              q,
              status,
              type: res.headers.get('content-type'),
              etag: res.headers.has('etag'),
              body: await res.json(),
            };
          }),
        );
        // Express tags what it sends with an ETag, the fast route does not: which one answered.
        expect([fast.etag, slow.etag]).toEqual([false, true]);
        expect({ ...fast, etag: undefined }).toEqual({ ...slow, etag: undefined });
      }
    } finally {
      await nest.app.close();
    }
    const bad = await getJson(`${url}/ledger/proofs/inclusion?leafIndex=-1&treeSize=3`);
    expect(bad).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: ['leafIndex must not be less than 0'] },
    });
  });

  it('lets only auditors read entries and proofs; the key and checkpoint are public', async () => {
    expect((await getJson(`${url}/ledger/entries`, {})).status).toBe(401);
    const forbidden = await getJson(`${url}/ledger/entries`, { Authorization: 'Bearer dev-scientist-token' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toMatch(/auditor/);
    expect((await getJson(`${url}/ledger/entries`, AUDITOR)).status).toBe(200);
    expect((await fetch(`${url}/ledger/checkpoint`)).status).toBe(200);
  });

  it('refuses UPDATE and DELETE on the log at the database level, by grant and by trigger', async () => {
    const db = new Client({ connectionString: env().databaseUrl });
    await db.connect();
    try {
      await expect(
        db.query(`UPDATE audit_ledger.ledger_leaves SET leaf = '\\x00' WHERE leaf_index = 0`),
      ).rejects.toThrow(/permission denied/);
      await expect(db.query(`DELETE FROM audit_ledger.ledger_nodes`)).rejects.toThrow(/permission denied/);
      // Even with the privilege granted back, the trigger refuses.
      await db.query(`GRANT DELETE ON audit_ledger.ledger_checkpoints TO CURRENT_USER`);
      await expect(db.query(`DELETE FROM audit_ledger.ledger_checkpoints`)).rejects.toThrow(
        /append-only: DELETE/,
      );
      await db.query(`REVOKE DELETE ON audit_ledger.ledger_checkpoints FROM CURRENT_USER`);
    } finally {
      await db.end();
    }
  });

  it('builds the lineage graph from the PROV references', async () => {
    const db = new Client({ connectionString: env().databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT src, dst FROM audit_ledger.lineage_edges ORDER BY leaf_index`);
      // RunInputsLogged: the run used the dataset. The unknown event's self-reference adds nothing.
      expect(rows).toEqual([{ src: `dataset:driver_stats@sha256:${'ab'.repeat(32)}`, dst: `run:${runA}` }]);
    } finally {
      await db.end();
    }
  });

  describe('npx provenant ledger verify', () => {
    const cli = async (args: string[]) => {
      const { code, output } = await runCli(['ledger', 'verify', ...args]);
      return { code, out: output };
    };

    it('checks the signature, an event proof, the whole tree and that the log only grew', async () => {
      const key = (await getText(`${url}/ledger/public-key`)).text.trim();
      const trusted = path.join(mkdtempSync(path.join(tmpdir(), 'ledger-')), 'trusted.note');
      const online = ['--url', url, '--key', key, '--token', 'dev-auditor-token'];
      const first = await cli([...online, '--event-id', unknown.eventId, '--full', '--trusted', trusted]);
      expect(first.out).toMatch(
        new RegExp(`✓ checkpoint of provenant.local/audit-ledger at tree size ${events.length}`),
      );
      expect(first.out).toMatch(new RegExp(`✓ event ${unknown.eventId} \\(leaf \\d+\\) is in the tree`));
      expect(first.out).toMatch(new RegExp(`✓ all ${events.length} leaves hash to the signed root`));
      expect(first.code).toBe(0);
      const again = await cli([...online, '--trusted', trusted]);
      expect(again).toMatchObject({ code: 0 });
    });

    it('works offline from saved files, and fails with the wrong key or a forged proof', async () => {
      const key = (await getText(`${url}/ledger/public-key`)).text.trim();
      const dir = mkdtempSync(path.join(tmpdir(), 'ledger-'));
      writeFileSync(path.join(dir, 'cp'), (await getText(`${url}/ledger/checkpoint`)).text);
      const proof = (await getJson(`${url}/ledger/proofs/inclusion?leafIndex=5`)).body;
      writeFileSync(path.join(dir, 'good.json'), JSON.stringify(proof));
      writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ ...proof, leafIndex: 6 }));
      const offline = ['--url', 'http://127.0.0.1:9', '--checkpoint', path.join(dir, 'cp')];
      expect(await cli([...offline, '--key', key, '--proof', path.join(dir, 'good.json')])).toMatchObject({
        code: 0,
      });
      const forged = await cli([...offline, '--key', key, '--proof', path.join(dir, 'bad.json')]);
      expect(forged.code).toBe(1);
      expect(forged.out).toMatch(/✗ leaf 6 .* does not lead to the signed root/);
      const otherKey = 'provenant.local/audit-ledger+00000000+AQ' + 'A'.repeat(42) + '=';
      const wrong = await cli([...offline, '--key', otherKey]);
      expect(wrong.code).toBe(1);
      expect(wrong.out).toMatch(/✗ checkpoint signature/);
    });
  });

  // Last, since it grows the log: a redelivery after its event was appended arrives in a later
  // chunk, so the optimistic COPY fails on the event_id index and the append falls back to
  // looking the ids up, in the same transaction, keeping the new event that came with it.
  it('adds no leaf for a redelivery in a later chunk, and still appends what came with it', async () => {
    const fresh = runTagsSet(runA, 99);
    await produce(env(), [events[2], fresh, events[5]]);
    await waitFor(async () => (await entries()).length === events.length + 1, { timeoutMs: 30_000 });
    await new Promise((r) => setTimeout(r, 1000));
    const got = await entries();
    expect(got).toHaveLength(events.length + 1);
    expect(got[events.length]).toMatchObject({ leafIndex: events.length, eventId: fresh.eventId });
    // Not by isolating the duplicate and dead-lettering it, which would leave the same count.
    const admin = env().kafka().admin();
    await admin.connect();
    try {
      const dlq = env().topic(deadLetterTopicOf(consumerGroupOf('audit-ledger')));
      const offsets = await admin.fetchTopicOffsets(dlq);
      expect(offsets.map((o) => o.high)).toEqual(offsets.map(() => '0'));
    } finally {
      await admin.disconnect();
    }
  });
});
