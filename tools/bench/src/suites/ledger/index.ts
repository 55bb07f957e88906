import { Client } from 'pg';
import type { BenchSuite } from '../../bench-result';
import { withBenchEnv } from '../../bench-env';
import { checkpointLatencyBench } from './checkpoint-latency.bench';
import { consumeBench } from './consume.bench';
import { lineageBench } from './lineage.bench';
import { proofBench } from './proofs.bench';
import { seededProofBench } from './seeded-proofs.bench';

// `npm run bench -- ledger [--only=consume]`: --only=consume stops after the consume measure.
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1];
const N = Number(process.env.LEDGER_BENCH_EVENTS ?? 50_000);
/** Opt-in: inclusion proofs on a seeded log of this many leaves (e.g. 10000000, the size). */
const PROOF_LEAVES = process.env.LEDGER_BENCH_PROOF_LEAVES
  ? Number(process.env.LEDGER_BENCH_PROOF_LEAVES)
  : null;

export const ledgerSuite: BenchSuite = {
  name: 'ledger',
  description:
    'audit-ledger: consume → append events/s (vs raw KafkaJS), checkpoint latency, inclusion proofs (also on a seeded log of LEDGER_BENCH_PROOF_LEAVES leaves), lineage queries',
  async run(progress) {
    if (PROOF_LEAVES !== null && !(Number.isSafeInteger(PROOF_LEAVES) && PROOF_LEAVES >= 1))
      throw new Error(
        `LEDGER_BENCH_PROOF_LEAVES must be a positive integer, got ${process.env.LEDGER_BENCH_PROOF_LEAVES}`,
      );
    return withBenchEnv(progress, async (env) => {
      const db = new Client({ connectionString: env.databaseUrl });
      await db.connect();
      const consume = await consumeBench(env, db, N, progress);
      try {
        if (ONLY === 'consume') return consume.results;
        progress('checkpoint latency: 300 events at 100/s');
        const latency = await checkpointLatencyBench(env, db, 300, 100);
        progress('inclusion proofs');
        const leafOf = async (i: number): Promise<Buffer> =>
          (await db.query('SELECT leaf FROM ledger_bench.ledger_leaves WHERE leaf_index = $1', [i])).rows[0]
            .leaf;
        const proofs = await proofBench(
          consume.ledger.url,
          db,
          env.databaseUrl,
          'ledger_bench',
          leafOf,
          progress,
        );
        const lineage = await lineageBench(consume.ledger.url, db, N, progress);
        await consume.stop();
        // After the consuming ledger stopped: the seeding loads the machine enough on its own.
        const seeded = PROOF_LEAVES === null ? [] : await seededProofBench(env, PROOF_LEAVES, progress);
        return [...consume.results, ...latency, ...proofs, ...lineage, ...seeded];
      } finally {
        await consume.stop();
        await db.end();
      }
    });
  },
};
