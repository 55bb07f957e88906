import type { BenchSuite } from '../../bench-result';
import { withBenchEnv } from '../../bench-env';
import { ingestBench } from './ingest.bench';
import { pitBench } from './pit.bench';

// `npm run bench -- offline [--only=ingest|pit]`.
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1];

export const offlineSuite: BenchSuite = {
  name: 'offline',
  description:
    'ingest from Kafka into the offline store (vs COPY), point-in-time retrieval (vs DuckDB ASOF JOIN)',
  async run(progress) {
    const ingest = ONLY === 'pit' ? [] : await withBenchEnv(progress, (env) => ingestBench(env, progress));
    const pit = ONLY === 'ingest' ? [] : await withBenchEnv(progress, (env) => pitBench(env, progress));
    return [...ingest, ...pit];
  },
};
