import { Injectable } from '@nestjs/common';
import type {
  EnvironmentCaptured,
  ModelVersionRegistered,
  RunCompleted,
  RunStarted,
} from '@provenant/contracts';
import { LeafEventReader, type LeafEvent } from './leaf-event-reader';
import { commitOf, fingerprintOf, refsOf } from './run-provenance';
import { TrainingDataFinder, type DatasetProvenance } from './training-data.finder';

export type { DatasetProvenance };

export interface ModelProvenance {
  version: LeafEvent<ModelVersionRegistered> | null;
  runId: string | null;
  runStarted: LeafEvent<RunStarted> | null;
  runCompleted: LeafEvent<RunCompleted> | null;
  datasets: DatasetProvenance[];
  commit: {
    sha: string;
    repoUrl: string | null;
    branch: string | null;
    dirty: boolean | null;
    evidence: LeafEvent;
  } | null;
  fingerprint: { value: string; evidence: LeafEvent } | null;
  environment: LeafEvent<EnvironmentCaptured> | null;
  /** What the chain should have held and the ledger does not (yet) record. */
  missing: string[];
}

/**
 * From a model version back to its run, data, code and environment, using the events' own
 * fields and falling back to their PROV references where a field is absent.
 */
@Injectable()
export class ModelProvenanceFinder {
  constructor(
    private readonly events: LeafEventReader,
    private readonly trainingData: TrainingDataFinder,
  ) {}

  async find(name: string, version: number, treeSize: number): Promise<ModelProvenance> {
    const missing: string[] = [];
    const registered = (
      await this.events.bySubject(`model:${name}`, treeSize, { types: ['ModelVersionRegistered'] })
    ).find((e) => e.value?.version === version) as LeafEvent<ModelVersionRegistered> | undefined;
    if (!registered) missing.push(`ModelVersionRegistered for model:${name}/${version}`);
    const runId = registered?.value?.runId ?? refsOf(registered ?? null, 'run')[0]?.id ?? null;
    if (registered && !runId)
      missing.push(`the run of model:${name}/${version} (no runId, no run: reference)`);
    const runEvents = runId
      ? await this.events.bySubject(`run:${runId}`, treeSize, {
          types: ['RunStarted', 'RunCompleted', 'RunInputsLogged'],
        })
      : [];
    const runStarted = (runEvents.find((e) => e.eventType === 'RunStarted') ??
      null) as LeafEvent<RunStarted> | null;
    const runCompleted = (runEvents.findLast((e) => e.eventType === 'RunCompleted') ??
      null) as LeafEvent<RunCompleted> | null;
    if (runId && !runStarted) missing.push(`RunStarted for run:${runId}`);
    if (runId && !runCompleted) missing.push(`RunCompleted for run:${runId}`);
    const datasets = await this.trainingData.find(runEvents, runCompleted, treeSize);
    const commit = commitOf(runStarted, runCompleted);
    if (runId && !commit) missing.push(`the code commit of run:${runId}`);
    const fingerprint = fingerprintOf(runStarted, runCompleted);
    if (runId && !fingerprint) missing.push(`the environment fingerprint of run:${runId}`);
    const environment = fingerprint
      ? ((
          await this.events.bySubject(`env:${fingerprint.value}`, treeSize, {
            types: ['EnvironmentCaptured'],
            limit: 1,
          })
        )[0] ?? null)
      : null;
    if (fingerprint && !environment) missing.push(`EnvironmentCaptured for env:${fingerprint.value}`);
    return {
      version: registered ?? null,
      runId,
      runStarted,
      runCompleted,
      datasets,
      commit,
      fingerprint,
      environment,
      missing,
    };
  }
}
