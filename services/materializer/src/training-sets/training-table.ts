import { BadRequestException } from '@nestjs/common';
import type { ValueType } from '@provenant/contracts';
import type { PitResult } from './offline-store.reader';
import type { ResolvedFeatures } from './resolve-features';
import type { TrainingColumn, TrainingTable } from './training-set-file';
import type { TrainingSetRequest } from './training-set-request';

/**
 * The output rows: each entity row as given (its time normalised to µs), then `view__feature`
 * columns, in input order. `found[v].column(feature)` is view v's feature for each entity row.
 */
export function buildTrainingTable(
  req: TrainingSetRequest,
  ts: number[],
  views: ResolvedFeatures['views'],
  found: Pick<PitResult, 'column'>[],
): TrainingTable {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of req.entityRows) {
    for (const k of Object.keys(row)) {
      if (seen.has(k)) continue;
      seen.add(k);
      names.push(k);
    }
  }
  const keyTypes = new Map<string, ValueType>(
    views.flatMap(({ view }) => view.joinKeys.map((k) => [k.name, k.valueType] as const)),
  );
  const columns: TrainingColumn[] = names.map((name) =>
    name === req.timestampField
      ? { name, type: 'UNIX_TIMESTAMP', values: ts }
      : { name, type: keyTypes.get(name), values: req.entityRows.map((r) => r[name]) },
  );
  views.forEach(({ view, features }, v) => {
    for (const feature of features) {
      const name = `${view.name}__${feature}`;
      if (seen.has(name))
        throw new BadRequestException([`entityRows: column ${name} would be overwritten by a feature`]);
      const type = view.features.find((f) => f.name === feature)!.valueType;
      columns.push({ name, type, values: found[v].column(feature) });
    }
  });
  return { columns, rowCount: req.entityRows.length };
}
