import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { provRef, subject } from '@provenant/contracts';
import type { Principal } from '@provenant/platform';
import { validateExperimentName, validateKey, validateValueLength } from '../mlflow/mlflow-names';
import { TrackerEvents } from '../persistence/tracker-events';
import { isUniqueViolation } from '../persistence/tracker-tables';
import { ExperimentStore } from './experiment.store';
import { type KeyValueInput, MlflowError } from '@provenant/platform';

export interface CreateExperimentCommand {
  name: string;
  artifactLocation?: string;
  tags: KeyValueInput[];
  principal: Principal;
}

@Injectable()
export class CreateExperimentUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly experiments: ExperimentStore,
    private readonly events: TrackerEvents,
  ) {}

  async execute(cmd: CreateExperimentCommand): Promise<string> {
    validateExperimentName(cmd.name);
    cmd.tags.forEach((t, i) => {
      validateKey('tag', `tags[${i}].key`, t.key);
      validateValueLength('tag', `tags[${i}].value`, t.key, t.value);
    });
    try {
      return await this.db.transaction(async (tx) => {
        if (await this.experiments.findByName(tx, cmd.name)) throw this.taken(cmd.name);
        const e = await this.experiments.insert(tx, { ...cmd, now: Date.now() });
        await this.events.publish(tx, [
          this.events.event(
            'ExperimentCreated',
            {
              subject: subject('experiment', e.experimentId),
              principal: cmd.principal,
              generated: [provRef.experiment(e.experimentId)],
            },
            {
              experimentId: e.experimentId,
              name: e.name,
              artifactLocation: e.artifactLocation,
              tags: e.tags,
            },
          ),
        ]);
        return e.experimentId;
      });
    } catch (err) {
      // Two concurrent creates of one name: the loser sees the unique index, not the pre-check.
      if (isUniqueViolation(err)) throw this.taken(cmd.name);
      throw err;
    }
  }

  private taken(name: string): MlflowError {
    return MlflowError.exists(`Experiment '${name}' already exists.`);
  }
}
