import { MAX_VALUES_PER_EVENT, parts } from './serving-log';

describe('serving log parts', () => {
  const rows = (...sizes: number[]) => sizes.map((n) => Array.from({ length: n }, () => 0));
  const shape = (p: { row: number[]; index: number }[][]) => p.map((part) => part.map((r) => r.index));

  it('keeps a request in one event up to MAX_VALUES_PER_EVENT values', () => {
    expect(shape(parts(rows(MAX_VALUES_PER_EVENT / 2, MAX_VALUES_PER_EVENT / 2)))).toEqual([[0, 1]]);
  });

  it('splits a larger request in request order, each part within the limit', () => {
    expect(shape(parts(rows(6_000, 4_001, 3_000, 7_000)))).toEqual([[0], [1, 2], [3]]);
  });

  it('puts a row larger than the limit alone, and nothing in no parts', () => {
    expect(shape(parts(rows(1, MAX_VALUES_PER_EVENT + 1, 1)))).toEqual([[0], [1], [2]]);
    expect(parts([])).toEqual([]);
  });
});
