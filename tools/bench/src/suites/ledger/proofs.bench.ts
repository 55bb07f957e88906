import type { Client } from 'pg';
import { percentile, result, type BenchResult } from '../../bench-result';

const AUDITOR = { Authorization: 'Bearer dev-auditor-token' };

async function latencies(samples: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

/**
 * Inclusion proof over HTTP for random leaves of a tree of `size`. Floor: one primary-key read of
 * a leaf from PostgreSQL, the least a database-backed proof can cost.
 */
export async function proofBench(url: string, db: Client, size: number): Promise<BenchResult[]> {
  const random = () => Math.floor(Math.random() * size);
  await latencies(100, () =>
    fetch(`${url}/ledger/proofs/inclusion?leafIndex=${random()}&treeSize=${size}`, { headers: AUDITOR }).then(
      (r) => r.json(),
    ),
  );
  const proofs = await latencies(2000, () =>
    fetch(`${url}/ledger/proofs/inclusion?leafIndex=${random()}&treeSize=${size}`, { headers: AUDITOR }).then(
      (r) => r.json(),
    ),
  );
  const floor = await latencies(2000, () =>
    db.query('SELECT leaf_hash FROM ledger_bench.ledger_leaves WHERE leaf_index = $1', [random()]),
  );
  return [
    result(
      `inclusion proof p50 (HTTP, ${size} leaves)`,
      percentile(proofs, 50),
      'ms',
      percentile(floor, 50),
      'p99 <= 5 ms at 10M leaves',
    ),
    result(
      `inclusion proof p99 (HTTP, ${size} leaves)`,
      percentile(proofs, 99),
      'ms',
      percentile(floor, 99),
      'p99 <= 5 ms at 10M leaves',
    ),
  ];
}
