import { badFilter, tokenize, type Token } from './filter-tokens';

export type Entity = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';
export type Value = string | number;

export interface Comparison {
  kind: 'cmp';
  entity: Entity;
  key: string;
  op: '=' | '!=' | '>' | '>=' | '<' | '<=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';
  value: Value | Value[];
}
export type FilterNode = Comparison | { kind: 'and' | 'or'; items: FilterNode[] };

const ENTITIES: Record<string, Entity> = {
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

/** Parses MLflow's filter language, extended with OR, parentheses and IN on any string field. */
export function parseFilter(filter: string | undefined): FilterNode | undefined {
  if (!filter || filter.trim() === '') return undefined;
  const tokens = tokenize(filter);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isKw = (v: string) => peek()?.t === 'kw' && (peek() as { v: string }).v === v;
  const fail = (why: string) => badFilter(filter, why);

  const orExpr = (): FilterNode => {
    const items = [andExpr()];
    while (isKw('OR')) {
      pos++;
      items.push(andExpr());
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  };
  const andExpr = (): FilterNode => {
    const items = [primary()];
    while (isKw('AND')) {
      pos++;
      items.push(primary());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  };
  const primary = (): FilterNode => {
    if (peek()?.t === '(') {
      pos++;
      const inner = orExpr();
      if (peek()?.t !== ')') throw fail('missing closing parenthesis');
      pos++;
      return inner;
    }
    return comparison();
  };
  const literal = (): Value => {
    const tok = tokens[pos++];
    if (tok?.t === 'string' || tok?.t === 'number') return tok.v;
    throw fail('expected a quoted string or a number after the comparator');
  };
  const comparison = (): Comparison => {
    const id = tokens[pos++];
    if (id?.t !== 'ident')
      throw fail(`expected an identifier such as metrics.<key>, params.<key>, tags.<key> or an attribute`);
    const entity = id.entity === undefined ? 'attribute' : ENTITIES[id.entity.toLowerCase()];
    if (!entity)
      throw fail(
        `invalid entity type '${id.entity}'; valid types are metrics, params, tags, attributes and datasets`,
      );
    const tok = tokens[pos++];
    let op: Comparison['op'];
    if (tok?.t === 'op') op = tok.v as Comparison['op'];
    else if (tok?.t === 'kw' && (tok.v === 'LIKE' || tok.v === 'ILIKE' || tok.v === 'IN')) op = tok.v;
    else if (tok?.t === 'kw' && tok.v === 'NOT' && isKw('IN')) {
      pos++;
      op = 'NOT IN';
    } else throw fail(`expected a comparator after '${id.key}'`);
    if (op === 'IN' || op === 'NOT IN') {
      if (peek()?.t !== '(') throw fail(`${op} expects a parenthesised list`);
      pos++;
      const list = [literal()];
      while (peek()?.t === ',') {
        pos++;
        list.push(literal());
      }
      if (peek()?.t !== ')') throw fail(`unterminated ${op} list`);
      pos++;
      return { kind: 'cmp', entity, key: id.key, op, value: list };
    }
    return { kind: 'cmp', entity, key: id.key, op, value: literal() };
  };

  const node = orExpr();
  if (pos < tokens.length) throw fail(`unexpected input after position ${pos}: expected AND or OR`);
  return node;
}
