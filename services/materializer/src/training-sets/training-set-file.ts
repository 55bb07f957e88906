import { formatRfc3339Micros, type ValueType } from '@provenant/contracts';
import { toParquet } from './parquet-out';

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

export async function encodeTrainingSet(t: TrainingTable, format: TrainingSetFormat): Promise<Buffer> {
  return format === 'csv' ? toCsv(t) : format === 'json' ? toJson(t) : toParquet(t);
}
