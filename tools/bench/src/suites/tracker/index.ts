import type { BenchSuite } from '../../bench-result';
import { withBenchEnv } from '../../bench-env';
import { trackerBench } from './tracker.bench';

export const trackerSuite: BenchSuite = {
  name: 'tracker',
  description:
    'tracker: log-batch, search-runs over 100k runs, create-run at 20 clients, vs mlflow server (PostgreSQL) and raw PostgreSQL',
  run: (progress) => withBenchEnv(progress, (env) => trackerBench(env, progress)),
};
