import type { BenchSuite } from '../../bench-result';
import { withBenchEnv } from '../../bench-env';
import { closeAgent } from './load';
import { serveBench } from './serve.bench';

export const onlineSuite: BenchSuite = {
  name: 'online',
  description:
    'materializer: get-online-features latency/throughput vs raw HMGET and a fastify+ioredis floor',
  async run(progress) {
    try {
      return await withBenchEnv(progress, (env) => serveBench(env, progress));
    } finally {
      closeAgent();
    }
  },
};
