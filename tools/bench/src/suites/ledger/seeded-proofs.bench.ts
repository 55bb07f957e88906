import { Client } from 'pg';
import { pollUntil } from '@provenant/sdk';
import type { TestEnv } from '@provenant/testing';
import { timed } from '../../bench-env';
import type { BenchResult } from '../../bench-result';
import { startService } from '../../service-process';
import { proofBench, signedCheckpoint } from './proofs.bench';
import { seedTree, syntheticLeaf } from './seed-tree';

const SCHEMA = 'ledger_proofs';
/** A read-only ledger: nothing consumed, no background verification (a full recompute of N leaves). */
const LEDGER_ENV = {
  DATABASE_SCHEMA: SCHEMA,
  LEDGER_CONSUME: 'false',
  LEDGER_VERIFY_INTERVAL_MS: '0',
};

/**
 * Inclusion proofs on a log of `n` leaves, too many to produce through Kafka in a bench run: the
 * ledger's own migrations create its tables (a first start), the bench writes a synthetic log into
 * them, and the ledger, started again on it, signs its checkpoint at `n` as it would after
 * appending them. That signed root must be the one the bench computed, and the proofs must verify
 * against it.
 */
export async function seededProofBench(
  env: TestEnv,
  n: number,
  progress: (line: string) => void,
): Promise<BenchResult[]> {
  progress(`proofs at ${n} leaves: creating the ledger's tables in ${SCHEMA}`);
  await (await startService('audit-ledger', env, { env: LEDGER_ENV })).stop();
  const db = new Client({ connectionString: env.databaseUrl });
  await db.connect();
  try {
    const seeded = await timed(() => seedTree(env.databaseUrl, SCHEMA, n, progress));
    // A long-lived log has been vacuumed and analysed by autovacuum's insert threshold; a log
    // written a moment ago has neither statistics nor a visibility map yet.
    const vacuumed = await timed(() =>
      db.query(`VACUUM (ANALYZE) ${SCHEMA}.ledger_leaves, ${SCHEMA}.ledger_nodes`),
    );
    progress(
      `seeded ${n} leaves in ${seeded.seconds.toFixed(0)} s (${Math.round(n / seeded.seconds)} leaves/s with their nodes), VACUUM ANALYZE ${vacuumed.seconds.toFixed(0)} s`,
    );
    await untilWritesSettle(db, progress);
    const ledger = await startService('audit-ledger', env, { env: LEDGER_ENV });
    try {
      // Signed at start-up, from the stored right edge: the seeded nodes must fold to the same root.
      const { rootHash } = await pollUntil(
        `a checkpoint at ${n}`,
        async () => {
          const checkpoint = await signedCheckpoint(ledger.url);
          return checkpoint.treeSize === n ? checkpoint : null;
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      if (!rootHash.equals(seeded.value))
        throw new Error(
          `the ledger signed root ${rootHash.toString('hex')}, the seeded tree's is ${seeded.value.toString('hex')}`,
        );
      return await proofBench(
        ledger.url,
        db,
        env.databaseUrl,
        SCHEMA,
        async (i) => syntheticLeaf(i),
        progress,
      );
    } finally {
      await ledger.stop();
    }
  } finally {
    await db.end();
  }
}

/**
 * Waits until PostgreSQL has written back what the seeding and VACUUM dirtied (its spread
 * checkpoint takes minutes after gigabytes of writes): proofs timed in that write-back measured the
 * seeding's aftermath, the floor's p99 included, not a 10M-leaf log. Done when fewer than 8 MB were
 * written in 10 s, or after 10 minutes.
 */
async function untilWritesSettle(db: Client, progress: (line: string) => void): Promise<void> {
  const written = async () =>
    Number(
      (
        await db.query(
          'SELECT buffers_checkpoint + buffers_clean + buffers_backend AS n FROM pg_stat_bgwriter',
        )
      ).rows[0].n,
    );
  const start = Date.now();
  let before = await written();
  for (;;) {
    await new Promise((r) => setTimeout(r, 10_000));
    const now = await written();
    const mb = ((now - before) * 8) / 1024;
    const waited = Math.round((Date.now() - start) / 1000);
    if (mb < 8) return progress(`PostgreSQL's write-back quiet after ${waited} s`);
    if (waited > 600)
      return progress(`PostgreSQL still writing ${mb.toFixed(0)} MB/10 s after ${waited} s: timing anyway`);
    progress(`waiting for PostgreSQL's write-back: ${mb.toFixed(0)} MB in the last 10 s`);
    before = now;
  }
}
