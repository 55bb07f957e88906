import { formatRfc3339Micros, type ValueType } from '@provenant/contracts';
import { hyparquetWriter } from './esm';

export type TrainingSetFormat = 'csv' | 'parquet' | 'json';

/** One output column; `type` is known for join keys, the timestamp (UNIX_TIMESTAMP, µs) and features. */
export interface TrainingColumn {
  name: string;
  type?: ValueType;
  values: unknown[];
}

/**
 * The output table, by column (Parquet is columnar, and 100k row objects of a dozen keys cost
 * more to build than the join): input columns first, as given, then one `view__feature` each.
 */
export interface TrainingTable {
  columns: TrainingColumn[];
  rowCount: number;
}

export const CONTENT_TYPES: Record<TrainingSetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  json: 'application/json',
};

function text(v: unknown, type: ValueType | undefined): string {
  if (v === null || v === undefined) return '';
  if (type === 'UNIX_TIMESTAMP' && typeof v === 'number') return formatRfc3339Micros(v);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function toCsv(t: TrainingTable): Buffer {
  const lines = [t.columns.map((c) => csvCell(c.name)).join(',')];
  for (let i = 0; i < t.rowCount; i++)
    lines.push(t.columns.map((c) => csvCell(text(c.values[i], c.type))).join(','));
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

function toJson(t: TrainingTable): Buffer {
  const json = (c: TrainingColumn, i: number) =>
    c.type === 'UNIX_TIMESTAMP' && typeof c.values[i] === 'number'
      ? formatRfc3339Micros(c.values[i] as number)
      : (c.values[i] ?? null);
  const rows = Array.from({ length: t.rowCount }, (_, i) =>
    Object.fromEntries(t.columns.map((c) => [c.name, json(c, i)])),
  );
  return Buffer.from(JSON.stringify(rows), 'utf8');
}

/** Parquet physical/logical type per ValueType; lists are kept as JSON text. */
function parquetColumn(name: string, type: ValueType | undefined, values: unknown[]) {
  const base = { name, repetition_type: 'OPTIONAL' as const };
  const nums = (f: (v: number) => unknown) =>
    values.map((v) => (v === null || v === undefined || v === '' ? null : f(Number(v))));
  switch (type) {
    case 'INT64':
      return { element: { ...base, type: 'INT64' }, data: nums((v) => BigInt(v)) };
    case 'INT32':
      return { element: { ...base, type: 'INT32' }, data: nums((v) => v) };
    case 'FLOAT64':
      return { element: { ...base, type: 'DOUBLE' }, data: nums((v) => v) };
    case 'FLOAT32':
      return { element: { ...base, type: 'FLOAT' }, data: nums((v) => v) };
    case 'BOOL':
      return {
        element: { ...base, type: 'BOOLEAN' },
        data: values.map((v) => (typeof v === 'boolean' ? v : null)),
      };
    case 'UNIX_TIMESTAMP':
      return {
        element: {
          ...base,
          type: 'INT64',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
        },
        data: nums((v) => BigInt(v)),
      };
  }
  if (type === undefined && values.every((v) => v === null || v === undefined || typeof v === 'number'))
    return { element: { ...base, type: 'DOUBLE' }, data: values.map((v) => v ?? null) };
  return {
    element: { ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8' },
    data: values.map((v) =>
      v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v),
    ),
  };
}

function toParquet(t: TrainingTable): Buffer {
  const cols = t.columns.map((c) => parquetColumn(c.name, c.type, c.values));
  const schema = [{ name: 'root', num_children: cols.length }, ...cols.map((c) => c.element)];
  const out = hyparquetWriter().parquetWriteBuffer({
    schema: schema as never,
    columnData: cols.map((c) => ({ name: c.element.name, data: c.data as never })),
    rowGroupSize: 100_000,
  });
  return Buffer.from(out);
}

export function encodeTrainingSet(t: TrainingTable, format: TrainingSetFormat): Buffer {
  return format === 'csv' ? toCsv(t) : format === 'json' ? toJson(t) : toParquet(t);
}
