import type { BenchSuite } from '../../bench-result';
import { withBenchEnv } from '../../bench-env';
import { decodeBench } from './decode.bench';
import { pipelineBench } from './pipeline.bench';

export const eventsSuite: BenchSuite = {
  name: 'events',
  description: 'decode, publish through the outbox, consume with idempotent effects (vs raw avsc / KafkaJS)',
  async run(progress) {
    const decode = decodeBench(progress);
    const pipeline = await withBenchEnv(progress, (env) => pipelineBench(env, progress));
    return [decode, ...pipeline];
  },
};
