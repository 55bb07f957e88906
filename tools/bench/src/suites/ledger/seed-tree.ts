import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CompactRange, hashLeaf } from '@provenant/merkle';
import { copyBytes } from '@provenant/platform';

/** The size of the consume phase's RunTagsSet leaves, so the heap a proof reads is as large as a real log's. */
const LEAF_BYTES = 155;
const ROWS_PER_CHUNK = 1_000;
const T0 = Date.UTC(2026, 0, 1);

/** Leaf `i` of the synthetic log: its bytes do not matter, only that anyone can recompute them. */
export const syntheticLeaf = (i: number): Buffer => Buffer.from(`bench leaf ${i} `.padEnd(LEAF_BYTES, '.'));

/** UUIDv7-shaped and increasing, as the services' time-ordered event ids are. */
const eventId = (i: number) => `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

/**
 * Writes a log of `n` synthetic leaves straight into the audit-ledger's tables in `schema` (which
 * its migrations created), as its appends would have left them: every leaf with its RFC 9162 leaf
 * hash, every completed perfect node above them. Two streamed COPYs, one per table, at once on two
 * connections (each PostgreSQL backend works on its own CPU); memory stays at a chunk per COPY and
 * the O(log n) right edge whatever `n`. Returns the root the bench computed.
 */
export async function seedTree(
  databaseUrl: string,
  schema: string,
  n: number,
  progress: (line: string) => void,
): Promise<Buffer> {
  const s = `"${schema}"`;
  const leaves = function* () {
    for (let start = 0; start < n; start += ROWS_PER_CHUNK) {
      let chunk = '';
      for (let i = start; i < Math.min(n, start + ROWS_PER_CHUNK); i++) {
        const leaf = syntheticLeaf(i);
        chunk += `${i}\t${eventId(i)}\tRunTagsSet\trun:run-${i % 64}\t${T0 + i}\t${copyBytes(leaf)}\t${copyBytes(hashLeaf(leaf))}\tprovenant.runs.v1\t${i % 3}\t${Math.floor(i / 3)}\n`;
      }
      yield chunk;
    }
  };
  // The nodes hash the leaves again rather than share the other COPY's: ~1 µs each, and neither
  // stream has to wait for the other.
  const range = CompactRange.empty();
  const nodes = function* () {
    for (let start = 0; start < n; start += ROWS_PER_CHUNK) {
      let chunk = '';
      for (let i = start; i < Math.min(n, start + ROWS_PER_CHUNK); i++)
        for (const node of range.append(hashLeaf(syntheticLeaf(i))))
          chunk += `${node.level}\t${node.index}\t${copyBytes(node.hash)}\n`;
      yield chunk;
    }
  };
  await Promise.all([
    copy(
      databaseUrl,
      `${s}.ledger_leaves (leaf_index, event_id, event_type, subject, occurred_at, leaf, leaf_hash, topic, kafka_partition, kafka_offset)`,
      metered('leaves', n, progress, leaves),
    ),
    copy(databaseUrl, `${s}.ledger_nodes (level, idx, hash)`, metered('nodes', n, progress, nodes)),
  ]);
  return range.root();
}

/** COPY on a pg client of its own: the platform's `copyIn` wants a TypeORM transaction. */
async function copy(databaseUrl: string, target: string, chunks: Iterable<string>): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await pipeline(Readable.from(chunks), db.query(copyFrom(`COPY ${target} FROM STDIN`)));
  } finally {
    await db.end();
  }
}

/** Passes the chunks through, saying every 5 s how many leaves' rows are in and at what rate. */
function metered(
  what: string,
  n: number,
  progress: (line: string) => void,
  chunks: () => Generator<string>,
): Iterable<string> {
  return (function* () {
    const start = performance.now();
    let last = start;
    let done = 0;
    for (const chunk of chunks()) {
      yield chunk;
      done = Math.min(n, done + ROWS_PER_CHUNK);
      const now = performance.now();
      if (now - last >= 5_000 || done === n) {
        last = now;
        const rate = Math.round(done / ((now - start) / 1000));
        progress(
          `seeding ${what}: ${done.toLocaleString('en')} / ${n.toLocaleString('en')} leaves (${rate.toLocaleString('en')}/s)`,
        );
      }
    }
  })();
}
