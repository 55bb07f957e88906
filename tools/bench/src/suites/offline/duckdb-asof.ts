import { DuckDBInstance } from '@duckdb/node-api';
import { FEATURES } from '../../bench-definitions';

/**
 * The floor for point-in-time retrieval: DuckDB's ASOF JOIN over the same rows in Parquet,
 * written back to Parquet in input order (ttl 0, so ASOF's "latest at or before" is the same rule).
 */
export async function duckdbAsof(dir: string): Promise<{ seconds: number; sum: number; nonNull: number }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const cols = FEATURES.map((f) => `f.${f} AS bench_pit__${f}`).join(', ');
    const started = process.hrtime.bigint();
    await conn.run(
      `COPY (SELECT e.driver_id, e.event_timestamp, ${cols}
             FROM read_parquet('${dir}/entities.parquet') e
             ASOF LEFT JOIN read_parquet('${dir}/features.parquet') f
               ON e.driver_id = f.driver_id AND e.event_timestamp >= f.event_ts
             ORDER BY e.rn) TO '${dir}/duckdb-out.parquet' (FORMAT parquet)`,
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const check = await conn.runAndReadAll(
      `SELECT sum(bench_pit__f0)::double, count(bench_pit__f0)::int FROM read_parquet('${dir}/duckdb-out.parquet')`,
    );
    const [sum, nonNull] = check.getRows()[0] as [number, number];
    return { seconds, sum, nonNull };
  } finally {
    conn.closeSync();
  }
}

/** Sum and count of the first feature in a training set we produced, for a like-for-like check. */
export async function checkOurs(file: string): Promise<{ sum: number; nonNull: number }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const check = await conn.runAndReadAll(
      `SELECT sum(bench_pit__f0)::double, count(bench_pit__f0)::int FROM read_parquet('${file}')`,
    );
    const [sum, nonNull] = check.getRows()[0] as [number, number];
    return { sum, nonNull };
  } finally {
    conn.closeSync();
  }
}
