import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { subject } from '@provenant/contracts';
import type { Principal } from '@provenant/platform';
import { TrackerEvents } from '../persistence/tracker-events';
import { RunDataStore } from '../run-data/run-data.store';
import { RunStore } from './run.store';
import { MlflowError } from '@provenant/platform';

export type RunChange = { kind: 'delete' | 'restore' } | { kind: 'delete-tag'; key: string };

/** Soft delete and restore (MLflow's lifecycle_stage), and tag deletion, which publishes RunTagsSet. */
@Injectable()
export class ChangeRunUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly runs: RunStore,
    private readonly data: RunDataStore,
    private readonly events: TrackerEvents,
  ) {}

  async execute(runId: string, change: RunChange, principal: Principal): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (change.kind === 'delete-tag') {
        await this.runs.activeInfo(tx, runId, true);
        if (!(await this.data.deleteTag(tx, runId, change.key)))
          throw MlflowError.notFound(`No tag with name: ${change.key} in run with id ${runId}`);
        await this.events.publish(tx, [
          this.events.event(
            'RunTagsSet',
            { subject: subject('run', runId), principal },
            { runId, tags: [], deletedKeys: [change.key] },
          ),
        ]);
        return;
      }
      await this.runs.info(tx, runId, true);
      await this.runs.update(tx, runId, { lifecycleStage: change.kind === 'delete' ? 'deleted' : 'active' });
    });
  }
}
