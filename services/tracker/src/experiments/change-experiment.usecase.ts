import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { validateExperimentName, validateKey, validateValueLength } from '../mlflow/mlflow-names';
import { TrackerTables, isUniqueViolation } from '../persistence/tracker-tables';
import { ExperimentStore } from './experiment.store';
import { MlflowError } from '@provenant/platform';

export type ExperimentChange =
  | { kind: 'delete' | 'restore' }
  | { kind: 'rename'; newName: string }
  | { kind: 'set-tag'; key: string; value: string }
  | { kind: 'delete-tag'; key: string };

/**
 * Rename, delete, restore and tag changes. As MLflow's SQL store does, deleting an experiment
 * also deletes its runs, and restoring it restores them.
 */
@Injectable()
export class ChangeExperimentUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly experiments: ExperimentStore,
    private readonly t: TrackerTables,
  ) {}

  async execute(experimentId: string, change: ExperimentChange): Promise<void> {
    if (change.kind === 'rename') validateExperimentName(change.newName);
    if (change.kind === 'set-tag') {
      validateKey('tag', 'key', change.key);
      validateValueLength('tag', 'value', change.key, change.value);
    }
    try {
      await this.db.transaction(async (tx) => {
        const e = await this.experiments.get(tx, experimentId);
        const now = Date.now();
        switch (change.kind) {
          case 'delete':
          case 'restore': {
            if (change.kind === 'delete' && experimentId === '0')
              throw MlflowError.invalid(
                "Cannot delete the default experiment '0'. This is an internally reserved experiment.",
              );
            const [from, to] = change.kind === 'delete' ? ['active', 'deleted'] : ['deleted', 'active'];
            if (e.lifecycleStage !== from)
              throw MlflowError.invalid(
                `Cannot ${change.kind} experiment ${experimentId}: it is already ${e.lifecycleStage === 'active' ? 'active' : 'deleted'}.`,
              );
            await this.experiments.update(tx, experimentId, { lifecycleStage: to }, now);
            await tx.query(
              `UPDATE ${this.t.runs} SET lifecycle_stage = $2 WHERE experiment_id = $1 AND lifecycle_stage = $3`,
              [experimentId, to, from],
            );
            return;
          }
          case 'rename':
            if (e.lifecycleStage !== 'active')
              throw MlflowError.invalid('Cannot rename a non-active experiment.');
            await this.experiments.update(tx, experimentId, { name: change.newName }, now);
            return;
          case 'set-tag':
            await this.experiments.setTags(tx, experimentId, [{ key: change.key, value: change.value }]);
            return;
          case 'delete-tag':
            await this.experiments.deleteTag(tx, experimentId, change.key);
        }
      });
    } catch (err) {
      if (isUniqueViolation(err) && change.kind === 'rename')
        throw MlflowError.exists(`Experiment '${change.newName}' already exists.`);
      throw err;
    }
  }
}
