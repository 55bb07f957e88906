// Spawned by the ledger bench: the least an HTTP, database-backed proof server can do, as its own
// process (as the ledger is), reached by the same client over the same loopback hop: fastify, and
// one primary-key read of the leaf's hash per request. No auth, tracing or tree.
// argv: database URL, schema. Prints its URL once listening.
import Fastify from 'fastify';
import { Pool } from 'pg';

const [databaseUrl, schema] = process.argv.slice(2);
const pool = new Pool({ connectionString: databaseUrl, max: 2 });
const text = `SELECT leaf_hash FROM "${schema}".ledger_leaves WHERE leaf_index = $1`;

const fastify = Fastify();
fastify.get('/leaf', async (req) => {
  const { leafIndex } = req.query as { leafIndex: string };
  const { rows } = await pool.query({ name: 'leaf', text, values: [leafIndex] });
  return { leafIndex: Number(leafIndex), leafHash: (rows[0].leaf_hash as Buffer).toString('hex') };
});
void fastify.listen({ port: 0, host: '127.0.0.1' }).then((url) => process.stdout.write(`${url}\n`));
process.once('SIGTERM', () => {
  void Promise.all([fastify.close(), pool.end()]).then(() => process.exit(0));
});
