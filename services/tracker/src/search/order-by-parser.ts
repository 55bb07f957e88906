import type { Entity } from './filter-parser';
import { tokenize } from './filter-tokens';
import { MlflowError } from '@provenant/platform';

const ENTITY_OF: Record<string, Entity> = {
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
};

/** `metrics.acc DESC`, `params."lr"`, `start_time`: an identifier and an optional direction (ASC by default). */
export function parseOrderBy(clause: string): { entity: Entity; key: string; desc: boolean } {
  const invalid = (why: string) => MlflowError.invalid(`Invalid order_by clause '${clause}': ${why}.`);
  let tokens;
  try {
    tokens = tokenize(clause);
  } catch {
    throw invalid('could not be parsed');
  }
  const [id, dir, ...rest] = tokens;
  if (id?.t !== 'ident' || rest.length > 0)
    throw invalid('expected an identifier and an optional ASC or DESC');
  const entity = id.entity === undefined ? 'attribute' : ENTITY_OF[id.entity.toLowerCase()];
  if (!entity) throw invalid(`unknown entity '${id.entity}'`);
  if (dir !== undefined && !(dir.t === 'ident' && dir.entity === undefined && /^(asc|desc)$/i.test(dir.key)))
    throw invalid('the direction must be ASC or DESC');
  return { entity, key: id.key, desc: dir !== undefined && dir.key.toUpperCase() === 'DESC' };
}
