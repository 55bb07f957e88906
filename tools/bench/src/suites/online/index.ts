import type { BenchSuite } from '../../bench-result';
import { withBenchEnv } from '../../bench-env';
import { batchBench } from './batch.bench';
import { closeAgent } from './load';
import { serveBench } from './serve.bench';

// `npm run bench -- online [--rows=N] [--only=serve|batch]`: --rows sizes case (d) (default 1M;
// the 10M RSS figure is measured with --only=batch --rows=10000000).
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const BATCH_ROWS = Number(flag('rows') ?? process.env.ONLINE_BENCH_BATCH_ROWS ?? 1_000_000);
const ONLY = flag('only');

export const onlineSuite: BenchSuite = {
  name: 'online',
  description:
    'materializer: get-online-features latency/throughput vs raw HMGET and a fastify+ioredis floor; batch materialization vs raw HSET',
  async run(progress) {
    try {
      return await withBenchEnv(progress, async (env) => [
        ...(ONLY === 'batch' ? [] : await serveBench(env, progress)),
        ...(ONLY === 'serve' ? [] : await batchBench(env, BATCH_ROWS, progress)),
      ]);
    } finally {
      closeAgent();
    }
  },
};
