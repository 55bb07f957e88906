import type { Client } from 'pg';
import { percentile, result, type BenchResult } from '../../bench-result';

const AUDITOR = { Authorization: 'Bearer dev-auditor-token' };
const CHAINS = 5_000;
const STAGES = 20;

/**
 * The walk of services/audit-ledger LineageGraphRepository.walkSql('upstream'), verbatim (tools may
 * not import a service): the floor is the service's own query, issued raw with pg.
 */
const WALK_UPSTREAM = `
  WITH RECURSIVE walk(node, depth) AS (
    SELECT $1::text, 0
    UNION
    SELECT e.src, w.depth + 1
      FROM walk w JOIN ledger_bench.lineage_edges e ON e.dst = w.node
     WHERE w.depth < $2 AND e.leaf_index < $3
  ), reached AS (
    SELECT node, min(depth) AS depth FROM walk WHERE depth < $2 GROUP BY node
  ), hop AS (
    SELECT DISTINCT ON (e.src, e.dst) e.src, e.dst, e.role, e.leaf_index, r.depth + 1 AS depth
      FROM reached r JOIN ledger_bench.lineage_edges e ON e.dst = r.node
     WHERE e.leaf_index < $3
     ORDER BY e.src, e.dst, e.leaf_index
  )
  SELECT h.src, h.dst, h.role, h.leaf_index, h.depth, l.event_id, l.event_type
    FROM hop h JOIN ledger_bench.ledger_leaves l ON l.leaf_index = h.leaf_index
   ORDER BY h.depth, h.leaf_index, h.src, h.dst
   LIMIT $4`;

/**
 * 100,000 nodes: 5,000 lineages of 20 stages (source → … → prediction), each stage also fed, one
 * time in ten, by the previous stage of another lineage — so a depth-20 upstream walk from a last
 * stage reaches its own chain plus the cross-fed ones (tens of nodes), as real lineage does.
 * Edges cite existing leaves of the tree (`leafIndex % size`).
 */
async function seedGraph(db: Client, leaves: number): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO ledger_bench.lineage_edges (leaf_index, src, dst, role)
     SELECT (c * ${STAGES} + s) % $1, 'dataset:c' || c || '-s' || (s - 1), 'dataset:c' || c || '-s' || s, 'input'
       FROM generate_series(0, ${CHAINS - 1}) c, generate_series(1, ${STAGES - 1}) s
     UNION ALL
     SELECT (c * ${STAGES} + s + 7) % $1, 'dataset:c' || ((c * 7919 + s) % ${CHAINS}) || '-s' || (s - 1),
            'dataset:c' || c || '-s' || s, 'cross'
       FROM generate_series(0, ${CHAINS - 1}) c, generate_series(1, ${STAGES - 1}) s WHERE (c * 31 + s) % 10 = 0`,
    [leaves],
  );
  await db.query('ANALYZE ledger_bench.lineage_edges');
  return rowCount ?? 0;
}

async function p95(samples: number, fn: () => Promise<unknown>): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return percentile(out, 95);
}

/** Lineage query of depth 20 over 100k nodes: HTTP end to end vs the same recursive SQL raw. */
export async function lineageBench(
  url: string,
  db: Client,
  leaves: number,
  progress: (l: string) => void,
): Promise<BenchResult[]> {
  progress(`lineage graph: ${CHAINS * STAGES} nodes, ${await seedGraph(db, leaves)} edges`);
  const end = () => `dataset:c${Math.floor(Math.random() * CHAINS)}-s${STAGES - 1}`;
  const http = () =>
    fetch(`${url}/lineage/upstream/${encodeURIComponent(end())}?depth=20`, { headers: AUDITOR }).then(
      async (r) => {
        if (r.status !== 200) throw new Error(`lineage query answered ${r.status}`);
        return r.json();
      },
    );
  await p95(50, http); // warm-up
  const value = await p95(300, http);
  const floor = await p95(300, () => db.query(WALK_UPSTREAM, [end(), 20, leaves, 10_001]));
  return [
    result(
      `lineage upstream depth 20 p95 (HTTP, ${CHAINS * STAGES} nodes)`,
      value,
      'ms',
      floor,
      'p95 <= 100 ms',
    ),
  ];
}
