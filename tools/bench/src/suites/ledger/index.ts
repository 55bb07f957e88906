import { Client } from 'pg';
import type { BenchSuite } from '../../bench-result';
import { withBenchEnv } from '../../bench-env';
import { checkpointLatencyBench } from './checkpoint-latency.bench';
import { consumeBench } from './consume.bench';
import { lineageBench } from './lineage.bench';
import { proofBench } from './proofs.bench';

const N = Number(process.env.LEDGER_BENCH_EVENTS ?? 50_000);

export const ledgerSuite: BenchSuite = {
  name: 'ledger',
  description:
    'audit-ledger: consume → append events/s (vs raw KafkaJS), checkpoint latency, inclusion proofs, lineage queries',
  async run(progress) {
    return withBenchEnv(progress, async (env) => {
      const db = new Client({ connectionString: env.databaseUrl });
      await db.connect();
      const consume = await consumeBench(env, db, N, progress);
      try {
        progress('checkpoint latency: 300 events at 100/s');
        const latency = await checkpointLatencyBench(env, db, 300, 100);
        progress('inclusion proofs');
        const proofs = await proofBench(consume.ledger.url, db, N);
        const lineage = await lineageBench(consume.ledger.url, db, N, progress);
        return [...consume.results, ...latency, ...proofs, ...lineage];
      } finally {
        await consume.stop();
        await db.end();
      }
    });
  },
};
