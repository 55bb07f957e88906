import { Injectable } from '@nestjs/common';
import type { DatasetVersionRegistered, RunInputsLogged, TrainingSetCreated } from '@provenant/contracts';
import { LeafEventReader, type LeafEvent } from './leaf-event-reader';
import { LineageGraphRepository } from './lineage-graph.repository';
import { refsOf } from './run-provenance';

export interface DatasetProvenance {
  name: string;
  digest: string;
  context: string | null;
  /** The run event that logged the input (RunInputsLogged, else RunCompleted). */
  loggedBy: LeafEvent;
  trainingSet: LeafEvent<TrainingSetCreated> | null;
  version: LeafEvent<DatasetVersionRegistered> | null;
}

/** A run's training data: the inputs it logged, and the events that made each dataset version. */
@Injectable()
export class TrainingDataFinder {
  constructor(
    private readonly events: LeafEventReader,
    private readonly graph: LineageGraphRepository,
  ) {}

  async find(
    runEvents: LeafEvent[],
    completed: LeafEvent | null,
    treeSize: number,
  ): Promise<DatasetProvenance[]> {
    const found = new Map<string, Omit<DatasetProvenance, 'trainingSet' | 'version'>>();
    for (const e of runEvents.filter(
      (x) => x.eventType === 'RunInputsLogged',
    ) as LeafEvent<RunInputsLogged>[])
      for (const d of e.value?.datasets ?? [])
        found.set(`${d.name}@${d.digest}`, {
          name: d.name,
          digest: d.digest,
          context: d.context,
          loggedBy: e,
        });
    for (const r of refsOf(completed, 'dataset').filter((x) => completed!.meta.used.includes(x))) {
      const at = r.id.lastIndexOf('@');
      if (!found.has(r.id) && at > 0)
        found.set(r.id, {
          name: r.id.slice(0, at),
          digest: r.id.slice(at + 1),
          context: r.role,
          loggedBy: completed!,
        });
    }
    return Promise.all(
      [...found.values()].map(async (d) => ({
        ...d,
        ...(await this.datasetEvents(d.name, d.digest, treeSize)),
      })),
    );
  }

  /** The events that generated `dataset:<name>@<digest>`: by subject, else by the edges into it. */
  private async datasetEvents(name: string, digest: string, treeSize: number) {
    let candidates = await this.events.bySubject(`dataset:${name}`, treeSize, {
      types: ['TrainingSetCreated', 'DatasetVersionRegistered'],
    });
    if (!candidates.some((e) => e.value?.digest === digest))
      candidates = await this.events.byIndexes(
        await this.graph.assertersOf(`dataset:${name}@${digest}`, treeSize),
      );
    const match = (type: string) =>
      candidates.find((e) => e.eventType === type && e.value?.digest === digest) ?? null;
    return { trainingSet: match('TrainingSetCreated'), version: match('DatasetVersionRegistered') };
  }
}
