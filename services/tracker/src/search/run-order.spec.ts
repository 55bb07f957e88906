import { TrackerTables } from '../persistence/tracker-tables';
import { afterCursor, orderByClause, runSortKeys } from './run-order';
import { PageToken } from './page-token';
import { SqlParams } from './sql-params';

describe(runSortKeys.name, () => {
  const t = new TrackerTables('tracker');

  it('appends MLflow tie-breakers and puts missing values last in either direction', () => {
    const p = new SqlParams();
    const keys = runSortKeys(['metrics.acc DESC', 'params.lr'], t, p);
    expect(orderByClause(keys)).toBe(
      `${keys[0].expr} DESC NULLS LAST, ${keys[1].expr} ASC NULLS LAST, r.start_time DESC, r.run_id ASC`,
    );
    expect(p.values).toEqual(['acc', 'lr']);
  });

  it('rejects unknown attributes and directions', () => {
    expect(() => runSortKeys(['attributes.colour'], t, new SqlParams())).toThrow(
      /unknown attribute 'colour'/,
    );
    expect(() => runSortKeys(['start_time SIDEWAYS'], t, new SqlParams())).toThrow(/ASC or DESC/);
  });
});

describe(afterCursor.name, () => {
  it('spells a strict lexicographic comparison, with a missing cursor value matching only missing values', () => {
    const p = new SqlParams();
    const keys = runSortKeys(['end_time'], new TrackerTables('s'), p);
    const sql = afterCursor(keys, [null, '5', 'abc'], p);
    expect(sql).toBe(
      '((FALSE) OR (r.end_time IS NULL AND r.start_time < $1::bigint) OR (r.end_time IS NULL AND r.start_time = $2::bigint AND r.run_id > $3::text))',
    );
    expect(p.values).toEqual(['5', '5', 'abc']);
  });
});

describe(PageToken.name, () => {
  it('round-trips the cursor and refuses a token from another query', () => {
    const token = PageToken.encode('q1', ['1.5', null]);
    expect(PageToken.decode(token, 'q1', 2)).toEqual(['1.5', null]);
    expect(() => PageToken.decode(token, 'q2', 2)).toThrow(/different search/);
    expect(() => PageToken.decode('%%%', 'q1', 2)).toThrow(/Invalid page token/);
  });
});
