import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTimestampTZValue,
  FLOAT,
  INTEGER,
  TIMESTAMPTZ,
  VARCHAR,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBVector,
} from '@duckdb/node-api';
import type { ValueType } from '@provenant/contracts';
import type { TrainingColumn, TrainingTable } from './training-set-file';

/** Rows per appended chunk: DuckDB's vector size. */
const CHUNK = 2048;

interface OutColumn {
  sqlType: string;
  type: DuckDBType;
  /** The column's values as DuckDB takes them (null for none). */
  values: DuckDBValue[];
}

const numbers = (values: unknown[], f: (n: number) => DuckDBValue) =>
  values.map((v) => (v === null || v === undefined || v === '' ? null : f(Number(v))));

/** Parquet physical/logical type per ValueType; lists (and anything else) as JSON text. */
function outColumn(type: ValueType | undefined, values: unknown[]): OutColumn {
  switch (type) {
    case 'INT64':
      return { sqlType: 'BIGINT', type: BIGINT, values: numbers(values, (n) => BigInt(n)) };
    case 'INT32':
      return { sqlType: 'INTEGER', type: INTEGER, values: numbers(values, (n) => n) };
    case 'FLOAT64':
      return { sqlType: 'DOUBLE', type: DOUBLE, values: numbers(values, (n) => n) };
    case 'FLOAT32':
      return { sqlType: 'FLOAT', type: FLOAT, values: numbers(values, (n) => n) };
    case 'BOOL':
      return {
        sqlType: 'BOOLEAN',
        type: BOOLEAN,
        values: values.map((v) => (typeof v === 'boolean' ? v : null)),
      };
    case 'UNIX_TIMESTAMP': // µs since the epoch: TIMESTAMP(isAdjustedToUTC, MICROS) in the file
      return {
        sqlType: 'TIMESTAMPTZ',
        type: TIMESTAMPTZ,
        values: numbers(values, (n) => new DuckDBTimestampTZValue(BigInt(n))),
      };
  }
  if (type === undefined && values.every((v) => v === null || v === undefined || typeof v === 'number'))
    return { sqlType: 'DOUBLE', type: DOUBLE, values: values.map((v) => (v as number) ?? null) };
  return {
    sqlType: 'VARCHAR',
    type: VARCHAR,
    values: values.map((v) =>
      v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v),
    ),
  };
}

/**
 * values[from, to) into the vector: the values first, then the nulls. The validity mask is only
 * allocated at the first null, and from then on each item's bit costs BigInt arithmetic in the
 * client library, which DuckDBDataChunk#setColumnValues pays for every later item.
 */
function fill(vector: DuckDBVector, values: DuckDBValue[], from: number, to: number): void {
  for (let i = from; i < to; i++) if (values[i] !== null) vector.setItem(i - from, values[i]);
  for (let i = from; i < to; i++) if (values[i] === null) vector.setItem(i - from, null);
  vector.flush();
}

let instance: Promise<DuckDBInstance> | undefined;
/** One in-memory DuckDB per process; each call gets its own connection and temporary table. */
const duckdb = () => (instance ??= DuckDBInstance.create(':memory:'));

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The training set as Parquet (snappy), written by DuckDB: the columns are appended in chunks and
 * DuckDB's writer encodes them. hyparquet-writer, in JavaScript, took ~0.6 s for 100k rows × 12
 * columns here, most of a 1.5 s request; this path took about a third of that
 * (docs/benchmarks.md#offline).
 */
export async function toParquet(t: TrainingTable): Promise<Buffer> {
  const columns = t.columns.map((c: TrainingColumn) => outColumn(c.type, c.values));
  const conn = await (await duckdb()).connect();
  const table = `training_set_${randomUUID().replace(/-/g, '')}`;
  const file = join(tmpdir(), `${table}.parquet`);
  try {
    await conn.run(
      `CREATE TEMP TABLE ${table} (${t.columns.map((c, i) => `${quoted(c.name)} ${columns[i].sqlType}`).join(', ')})`,
    );
    const appender = await conn.createAppender(table, 'main', 'temp'); // temp tables: catalog temp, schema main
    const types = columns.map((c) => c.type);
    for (let from = 0; from < t.rowCount; from += CHUNK) {
      const to = Math.min(t.rowCount, from + CHUNK);
      const chunk = DuckDBDataChunk.create(types, to - from);
      columns.forEach((c, i) => fill(chunk.getColumnVector(i), c.values, from, to));
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
    await conn.run(`COPY ${table} TO '${file}' (FORMAT parquet, COMPRESSION snappy)`);
    return await readFile(file);
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    conn.closeSync();
    await rm(file, { force: true });
  }
}
