import { join } from 'node:path';
import Redis from 'ioredis';
import type { TestEnv } from '@provenant/testing';
import { result, type BenchResult } from '../../bench-result';
import { closedLoop as loop } from '../../closed-loop';
import { startFloorServer } from '../../floor-server';

// A failed read ends the bench: serving figures are only meaningful when every call succeeded.
const closedLoop = (clients: number, seconds: number, call: () => Promise<unknown>) =>
  loop(clients, seconds, call, { rethrow: true });
import { post, resetAgent } from './load';
import { startMaterializer } from './materializer-process';
import { streamBench } from './stream.bench';

const FEATURES = 50;
const ENTITIES = 1_000;
const SECONDS = Number(process.env.ONLINE_BENCH_SECONDS ?? 5);

/**
 * Online serving beside its floors: the same HMGETs over raw ioredis, and a minimal fastify +
 * ioredis endpoint doing the same read behind the same HTTP client.
 */
export async function serveBench(env: TestEnv, progress: (l: string) => void): Promise<BenchResult[]> {
  const redis = new Redis(env.redisUrl);
  const names = Array.from({ length: FEATURES }, (_, i) => `f${i}`);
  const key = (id: number) => `${env.redisKeyPrefix}fs:{"driver_id":${id}}`;
  const fields = ['_ts:bench@v1', '_b:bench@v1', ...names.map((f) => `bench@v1:${f}`)];
  progress(`seeding ${ENTITIES} entities × ${FEATURES} features (documented layout, docs/online-store.md)`);
  const seed = redis.pipeline();
  const ts = Date.now() * 1000;
  for (let id = 0; id < ENTITIES; id++)
    seed.hset(
      key(id),
      Object.fromEntries(
        fields.map((f, i) => [
          f,
          i === 0 ? `${ts} ${ts} ${id + 1}` : i === 1 ? 'bench-batch' : String(Math.random()),
        ]),
      ),
    );
  await seed.exec();

  const floor = await startFloorServer(join(__dirname, 'fastify-floor.script.ts'), [
    env.redisUrl,
    env.redisKeyPrefix,
    JSON.stringify(fields),
  ]);
  const svc = await startMaterializer(env, FEATURES);
  const auth = { authorization: 'Bearer dev-pipeline-token' };
  try {
    const features = names.map((f) => `bench:${f}`);
    let n = 0;
    const ids = (count: number) => Array.from({ length: count }, () => n++ % ENTITIES);
    const service = (count: number) => () =>
      post(
        `${svc.url}/get-online-features`,
        JSON.stringify({ features, entities: { driver_id: ids(count) } }),
        auth,
      );
    const floorHttp = (count: number) => () => post(`${floor.url}/read`, JSON.stringify({ ids: ids(count) }));
    const raw = (count: number) => async () => {
      const p = redis.pipeline();
      for (const id of ids(count)) p.hmget(key(id), ...fields);
      await p.exec();
    };
    await closedLoop(4, 2, service(1)); // warm-up: JIT, connections, definition cache
    await closedLoop(4, 1, floorHttp(1));
    const out: BenchResult[] = [];
    for (const [clients, count] of [
      [1, 1],
      [32, 1],
      [1, 100],
    ] as const) {
      progress(
        `${clients} client(s), ${count} entit${count === 1 ? 'y' : 'ies'} × ${FEATURES} features, ${SECONDS} s each`,
      );
      resetAgent();
      const s = await closedLoop(clients, SECONDS, service(count));
      resetAgent();
      const f = await closedLoop(clients, SECONDS, floorHttp(count));
      const r = await closedLoop(clients, SECONDS, raw(count));
      const label = `${count}×${FEATURES} @${clients}`;
      const target = count === 100 ? 'p99 <= 5 ms' : clients === 1 ? 'p99 <= 1 ms' : '>= 0.6 x fastify floor';
      out.push(result(`get-online-features ${label} p50 (floor: fastify)`, s.p50, 'ms', f.p50, target));
      out.push(result(`get-online-features ${label} p99 (floor: fastify)`, s.p99, 'ms', f.p99, target));
      out.push(result(`get-online-features ${label} p99 (floor: raw HMGET)`, s.p99, 'ms', r.p99, target));
      out.push(
        result(
          `get-online-features ${label} throughput (floor: fastify)`,
          s.perSecond,
          'req/s',
          f.perSecond,
          target,
        ),
      );
    }
    out.push(...(await streamBench(env, svc.url, progress)));
    return out;
  } finally {
    await svc.stop();
    floor.stop();
    redis.disconnect();
  }
}
