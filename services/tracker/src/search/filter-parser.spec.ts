import { parseFilter } from './filter-parser';
import { MlflowError } from '@provenant/platform';

describe(parseFilter.name, () => {
  const sut = parseFilter;

  it('reads MLflow clauses on metrics, params, tags and attributes joined by AND', () => {
    expect(
      sut(
        `metrics.rmse < 1 and params.model_class = 'LogisticRegression' and tags."user-name" = 'x' AND status != "FAILED"`,
      ),
    ).toEqual({
      kind: 'and',
      items: [
        { kind: 'cmp', entity: 'metric', key: 'rmse', op: '<', value: 1 },
        { kind: 'cmp', entity: 'param', key: 'model_class', op: '=', value: 'LogisticRegression' },
        { kind: 'cmp', entity: 'tag', key: 'user-name', op: '=', value: 'x' },
        { kind: 'cmp', entity: 'attribute', key: 'status', op: '!=', value: 'FAILED' },
      ],
    });
  });

  it('keeps dotted keys after the entity and reads backticked keys', () => {
    expect(sut('tags.mlflow.source.type = "LOCAL"')).toMatchObject({
      entity: 'tag',
      key: 'mlflow.source.type',
    });
    expect(sut('metrics.`my metric` >= -1.5e3')).toMatchObject({
      entity: 'metric',
      key: 'my metric',
      op: '>=',
      value: -1500,
    });
  });

  it('gives AND precedence over OR and honours parentheses', () => {
    const node = sut(`params.a = '1' or params.b = '2' and (metrics.m > 3 or tags.t ILIKE '%x%')`);
    expect(node).toMatchObject({
      kind: 'or',
      items: [
        { key: 'a' },
        {
          kind: 'and',
          items: [{ key: 'b' }, { kind: 'or', items: [{ key: 'm' }, { key: 't', op: 'ILIKE' }] }],
        },
      ],
    });
  });

  it('reads IN and NOT IN lists', () => {
    expect(sut(`params.opt IN ('sgd', 'adam')`)).toMatchObject({ op: 'IN', value: ['sgd', 'adam'] });
    expect(sut(`run_id NOT IN ('a')`)).toMatchObject({ entity: 'attribute', op: 'NOT IN', value: ['a'] });
  });

  it('unescapes doubled quotes inside strings', () => {
    expect(sut(`tags.note = 'it''s'`)).toMatchObject({ value: "it's" });
  });

  it.each([
    [`metrics.a >`, /expected a quoted string or a number/],
    [`foo.a = 1`, /invalid entity type 'foo'/],
    [`(metrics.a > 1`, /missing closing parenthesis/],
    [`params.a = 'x`, /unterminated ' quote/],
    [`params.a = 'x' params.b = 'y'`, /expected AND or OR/],
    [`params.a IN 'x'`, /parenthesised list/],
  ])('rejects %s with INVALID_PARAMETER_VALUE', (filter, message) => {
    expect(() => sut(filter)).toThrow(MlflowError);
    expect(() => sut(filter)).toThrow(message);
  });

  it('treats an empty filter as no filter', () => {
    expect(sut('  ')).toBeUndefined();
    expect(sut(undefined)).toBeUndefined();
  });
});
