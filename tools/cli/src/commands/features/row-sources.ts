import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse';
import { hyparquet } from './esm';

export interface RowSource {
  format: 'csv' | 'parquet' | 'json';
  /** CSV cells are text: the service parses them by the feature's type. */
  valuesAsText: boolean;
  rows(): AsyncIterable<Record<string, unknown>>;
}

/** Parquet values as JSON can carry them, without going through Date (which holds only ms). */
export const MICROS_PARSERS = {
  timestampFromMilliseconds: (v: bigint | number) => Number(v) * 1000,
  timestampFromMicroseconds: (v: bigint | number) => Number(v),
  timestampFromNanoseconds: (v: bigint | number) => Number(BigInt(v) / 1000n),
  dateFromDays: (v: number) => v * 86_400_000_000,
};

function jsonable(value: unknown): unknown {
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonable);
  return value;
}

/** hyparquet's AsyncBuffer over a file: byte ranges read on demand, never the whole file. */
async function fileBuffer(file: string) {
  const handle = await open(file);
  const { size } = await handle.stat();
  const close = () => handle.close();
  return {
    close,
    byteLength: size,
    async slice(start: number, end = size): Promise<ArrayBuffer> {
      const out = Buffer.alloc(end - start);
      await handle.read(out, 0, out.length, start);
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.length) as ArrayBuffer;
    },
  };
}

/** A JSON array of row objects (read whole: entity files are small next to feature files). */
async function* jsonRows(file: string): AsyncIterable<Record<string, unknown>> {
  const rows: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!Array.isArray(rows)) throw new Error(`${file}: expected a JSON array of rows`);
  yield* rows as Record<string, unknown>[];
}

async function* csvRows(file: string): AsyncIterable<Record<string, unknown>> {
  yield* createReadStream(file).pipe(parse({ columns: true, skip_empty_lines: true, bom: true }));
}

/**
 * Parquet, one row group at a time: memory is bounded by the largest row group, not the file
 * (reading arbitrary row ranges would decode whole column chunks again for every range).
 */
async function* parquetRows(file: string): AsyncIterable<Record<string, unknown>> {
  const pq = hyparquet();
  const buffer = await fileBuffer(file);
  const metadata = await pq.parquetMetadataAsync(buffer);
  let start = 0;
  try {
    for (const group of metadata.row_groups) {
      const end = start + Number(group.num_rows);
      const rows = (await pq.parquetReadObjects({
        file: buffer,
        metadata,
        rowStart: start,
        rowEnd: end,
        parsers: MICROS_PARSERS,
      })) as Record<string, unknown>[];
      for (const row of rows) {
        for (const k of Object.keys(row)) row[k] = jsonable(row[k]);
        yield row;
      }
      start = end;
    }
  } finally {
    await buffer.close();
  }
}

export function openRowSource(file: string): RowSource {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return { format: 'csv', valuesAsText: true, rows: () => csvRows(file) };
  if (ext === '.parquet' || ext === '.pq')
    return { format: 'parquet', valuesAsText: false, rows: () => parquetRows(file) };
  if (ext === '.json') return { format: 'json', valuesAsText: false, rows: () => jsonRows(file) };
  throw new Error(`${file}: expected a .csv, .parquet or .json file`);
}
