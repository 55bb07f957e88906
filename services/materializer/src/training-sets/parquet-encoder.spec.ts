import { encodeTrainingSet, type TrainingTable } from './training-set-file';

// hyparquet is ESM-only and Jest's registry cannot require it: load it through Node's own require.
const nodeRequire = (process as unknown as { getBuiltinModule(id: string): typeof import('node:module') })
  .getBuiltinModule('node:module')
  .createRequire(__filename);

async function readBack(bytes: Buffer): Promise<Record<string, unknown>[]> {
  const { parquetReadObjects } = nodeRequire('hyparquet');
  return parquetReadObjects({
    file: new Uint8Array(bytes).buffer,
    parsers: { timestampFromMicroseconds: (v: bigint) => v },
  });
}

describe('encodeTrainingSet (Parquet)', () => {
  it('writes every type, nulls included, as a standard reader reads it back', async () => {
    const table: TrainingTable = {
      rowCount: 4,
      columns: [
        { name: 'driver_id', type: 'INT64', values: [1001, '1002', 1001, 9_007_199_254_740_991] },
        { name: 'event_timestamp', type: 'UNIX_TIMESTAMP', values: [1767261600000001, 0, -5, 1] },
        { name: 'v__rate', type: 'FLOAT64', values: [0.5, null, -0, 0.5] },
        { name: 'v__small', type: 'FLOAT32', values: [1.5, 2.5, null, null] },
        { name: 'v__trips', type: 'INT32', values: [3, null, -7, 3] },
        { name: 'v__ok', type: 'BOOL', values: [true, false, null, true] },
        { name: 'v__city', type: 'STRING', values: ['Zürich', null, '', 'Zürich'] },
        { name: 'v__tags', type: 'STRING_LIST', values: [['a', 'b'], null, [], ['a', 'b']] },
        { name: 'label', values: [1, null, 2.5, 1] },
        { name: 'v__none', type: 'FLOAT64', values: [null, null, null, null] },
      ],
    };
    expect(await readBack(encodeTrainingSet(table, 'parquet'))).toEqual([
      {
        driver_id: 1001n,
        event_timestamp: 1767261600000001n,
        v__rate: 0.5,
        v__small: 1.5,
        v__trips: 3,
        v__ok: true,
        v__city: 'Zürich',
        v__tags: '["a","b"]',
        label: 1,
        v__none: null,
      },
      {
        driver_id: 1002n,
        event_timestamp: 0n,
        v__rate: null,
        v__small: 2.5,
        v__trips: null,
        v__ok: false,
        v__city: null,
        v__tags: null,
        label: null,
        v__none: null,
      },
      {
        driver_id: 1001n,
        event_timestamp: -5n,
        v__rate: -0,
        v__small: null,
        v__trips: -7,
        v__ok: null,
        v__city: '',
        v__tags: '[]',
        label: 2.5,
        v__none: null,
      },
      {
        driver_id: 9_007_199_254_740_991n,
        event_timestamp: 1n,
        v__rate: 0.5,
        v__small: null,
        v__trips: 3,
        v__ok: true,
        v__city: 'Zürich',
        v__tags: '["a","b"]',
        label: 1,
        v__none: null,
      },
    ]);
  });

  it('dictionary-encodes repeated values and splits 250k rows into row groups', async () => {
    const n = 250_000;
    const ids = Array.from({ length: n }, (_, i) => i % 3_000);
    const rates = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : (i % 1_000) / 1_000));
    const bytes = encodeTrainingSet(
      {
        rowCount: n,
        columns: [
          { name: 'driver_id', type: 'INT64', values: ids },
          { name: 'v__rate', type: 'FLOAT64', values: rates },
        ],
      },
      'parquet',
    );
    expect(bytes.length).toBeLessThan(n * 4); // plain would be 16 bytes a row
    const rows = await readBack(bytes);
    expect(rows).toHaveLength(n);
    for (const i of [0, 1, 6, 7, 99_999, 100_000, 100_001, 249_999])
      expect(rows[i]).toEqual({ driver_id: BigInt(ids[i]), v__rate: rates[i] });
  });
});
