// Spawned by the online bench: the fastify + ioredis floor as its own server process, as the
// materializer is, so both are reached over the same loopback hop by the same client.
// argv: redis URL, key prefix, hash fields as JSON. Prints its URL once listening.
import Fastify from 'fastify';
import Redis from 'ioredis';

const [redisUrl, prefix, fieldsJson] = process.argv.slice(2);
const fields = JSON.parse(fieldsJson) as string[];
const redis = new Redis(redisUrl);
const key = (id: number) => `${prefix}fs:{"driver_id":${id}}`;

const fastify = Fastify();
fastify.post('/read', async (req) => {
  const { ids } = req.body as { ids: number[] };
  const p = redis.pipeline();
  for (const id of ids) p.hmget(key(id), ...fields);
  return p.exec();
});
void fastify.listen({ port: 0, host: '127.0.0.1' }).then((url) => process.stdout.write(`${url}\n`));
process.once('SIGTERM', () => {
  redis.disconnect();
  void fastify.close().then(() => process.exit(0));
});
