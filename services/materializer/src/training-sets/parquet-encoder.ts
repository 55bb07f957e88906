import { definitionLevels, dictionaryIndexes, dictionaryOf, plain } from './parquet-values';
import { CompactType, CompactWriter } from './thrift-compact';

export type ParquetPhysicalType = 'BOOLEAN' | 'INT32' | 'INT64' | 'FLOAT' | 'DOUBLE' | 'BYTE_ARRAY';

export type NumericType = 'INT32' | 'INT64' | 'FLOAT' | 'DOUBLE';

/**
 * A flat, OPTIONAL column. Numbers (INT64 as safe integers) come unboxed, with `defined[i]` 0 for
 * a missing value; booleans and strings as values or null.
 */
export type ParquetColumn = { name: string; logical?: 'STRING' | 'TIMESTAMP_MICROS' } & (
  | { type: NumericType; values: Float64Array; defined: Uint8Array }
  | { type: 'BOOLEAN' | 'BYTE_ARRAY'; values: unknown[] }
);

// Enum values of parquet.thrift (https://github.com/apache/parquet-format/blob/master/src/main/thrift/parquet.thrift).
const TYPE = { BOOLEAN: 0, INT32: 1, INT64: 2, FLOAT: 4, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
const PLAIN = 0;
const RLE = 3;
const RLE_DICTIONARY = 8;
const OPTIONAL = 1;
const DATA_PAGE = 0;
const DICTIONARY_PAGE = 2;
const ROW_GROUP_ROWS = 100_000;

/**
 * Writes a Parquet file (format 2, uncompressed) of flat OPTIONAL columns: one data page (v1) per
 * column chunk, dictionary-encoded when the dictionary and its bit-packed indexes take at most half
 * the plain bytes, which is what keeps feature columns small. A generic writer spent most of a
 * large training set's time in per-value work this shape does not need (nesting levels, per-page
 * statistics, compression of bit-packed indexes).
 */
export function encodeParquet(columns: ParquetColumn[], rowCount: number): Buffer {
  const parts: Uint8Array[] = [Buffer.from('PAR1')];
  let offset = 4;
  const groups: { rows: number; chunks: ChunkMeta[]; start: number }[] = [];
  for (let from = 0; from < rowCount || (from === 0 && groups.length === 0); from += ROW_GROUP_ROWS) {
    const to = Math.min(rowCount, from + ROW_GROUP_ROWS);
    const group = { rows: to - from, chunks: [] as ChunkMeta[], start: offset };
    for (const column of columns) {
      const chunk = columnChunk(column, from, to, offset);
      for (const p of chunk.parts) parts.push(p);
      offset += chunk.meta.size;
      group.chunks.push(chunk.meta);
    }
    groups.push(group);
  }
  const footer = fileMetaData(columns, rowCount, groups);
  const tail = Buffer.alloc(8);
  tail.writeUInt32LE(footer.length, 0);
  tail.write('PAR1', 4);
  parts.push(footer, tail);
  return Buffer.concat(parts);
}

interface ChunkMeta {
  type: ParquetPhysicalType;
  name: string;
  dictionary: boolean;
  rows: number;
  nulls: number;
  size: number;
  dataPageOffset: number;
  dictionaryPageOffset?: number;
}

function columnChunk(column: ParquetColumn, from: number, to: number, offset: number) {
  const rows = to - from;
  const defined = new Uint8Array(rows);
  let present: Float64Array | unknown[];
  if ('defined' in column) {
    defined.set(column.defined.subarray(from, to));
    const values = column.values.subarray(from, to);
    let n = 0;
    for (let i = 0; i < rows; i++) n += defined[i];
    const packed = n === rows ? values : new Float64Array(n);
    if (n < rows) for (let i = 0, j = 0; i < rows; i++) if (defined[i]) packed[j++] = values[i];
    present = packed;
  } else {
    const packed: unknown[] = [];
    for (let i = 0; i < rows; i++) {
      const v = column.values[from + i];
      if (v === null || v === undefined) continue;
      defined[i] = 1;
      packed.push(v);
    }
    present = packed;
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  const page = (header: Uint8Array, body: Uint8Array[]) => {
    parts.push(header, ...body);
    size += header.length + body.reduce((n, b) => n + b.length, 0);
  };
  const levels = definitionLevels(defined, present.length);
  const dict = column.type === 'BOOLEAN' ? undefined : dictionaryOf(column.type, present);
  let dictionaryPageOffset: number | undefined;
  if (dict) {
    dictionaryPageOffset = offset;
    const values = plain(column.type, dict.values);
    page(pageHeader(DICTIONARY_PAGE, values.length, dict.values.length, PLAIN), [values]);
  }
  const dataPageOffset = offset + size;
  const values = dict ? dictionaryIndexes(dict.indexes, dict.values.length) : plain(column.type, present);
  const bodyLength = levels.length + values.length;
  page(pageHeader(DATA_PAGE, bodyLength, rows, dict ? RLE_DICTIONARY : PLAIN), [levels, values]);
  const meta: ChunkMeta = {
    type: column.type,
    name: column.name,
    dictionary: dict !== undefined,
    rows,
    nulls: rows - present.length,
    size,
    dataPageOffset,
    dictionaryPageOffset,
  };
  return { parts, meta };
}

function pageHeader(type: number, bytes: number, values: number, encoding: number): Uint8Array {
  const w = new CompactWriter().i32(1, type).i32(2, bytes).i32(3, bytes);
  if (type === DICTIONARY_PAGE) w.struct(7).i32(1, values).i32(2, encoding).end();
  else w.struct(5).i32(1, values).i32(2, encoding).i32(3, RLE).i32(4, RLE).end();
  return w.end().bytes().slice();
}

function fileMetaData(
  columns: ParquetColumn[],
  rowCount: number,
  groups: { rows: number; chunks: ChunkMeta[]; start: number }[],
): Uint8Array {
  const w = new CompactWriter().i32(1, 2);
  w.list(2, CompactType.STRUCT, columns.length + 1);
  w.struct().string(4, 'root').i32(5, columns.length).end();
  for (const c of columns) {
    w.struct().i32(1, TYPE[c.type]).i32(3, OPTIONAL).string(4, c.name);
    if (c.logical === 'STRING') w.i32(6, 0).struct(10).struct(1).end().end();
    if (c.logical === 'TIMESTAMP_MICROS')
      w.i32(6, 10).struct(10).struct(8).bool(1, true).struct(2).struct(2).end().end().end().end();
    w.end();
  }
  w.i64(3, rowCount);
  w.list(4, CompactType.STRUCT, groups.length);
  for (const g of groups) {
    w.struct().list(1, CompactType.STRUCT, g.chunks.length);
    for (const c of g.chunks) {
      w.struct()
        .i64(2, c.dictionaryPageOffset ?? c.dataPageOffset)
        .struct(3);
      w.i32(1, TYPE[c.type]);
      const encodings = c.dictionary ? [PLAIN, RLE, RLE_DICTIONARY] : [PLAIN, RLE];
      w.list(2, CompactType.I32, encodings.length);
      for (const e of encodings) w.item32(e);
      w.list(3, CompactType.BINARY, 1).itemString(c.name);
      w.i32(4, 0).i64(5, c.rows).i64(6, c.size).i64(7, c.size).i64(9, c.dataPageOffset);
      if (c.dictionaryPageOffset !== undefined) w.i64(11, c.dictionaryPageOffset);
      w.struct(12).i64(3, c.nulls).end();
      w.end().end();
    }
    const bytes = g.chunks.reduce((n, c) => n + c.size, 0);
    w.i64(2, bytes).i64(3, g.rows).i64(5, g.start).i64(6, bytes).end();
  }
  w.string(6, 'provenant materializer');
  return w.end().bytes().slice();
}
