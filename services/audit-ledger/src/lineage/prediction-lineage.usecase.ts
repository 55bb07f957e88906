import { Injectable, NotFoundException } from '@nestjs/common';
import type { PredictionMade } from '@provenant/contracts';
import { LeafEventReader, type LeafEvent } from './leaf-event-reader';
import { modelBranch } from './model-branch';
import { ModelProvenanceFinder } from './model-provenance.finder';
import { node, type ProvenanceNode } from './provenance-node';
import { ServingBranch } from './serving-branch';
import { WalkLineageUseCase } from './walk-lineage.usecase';

export interface PredictionLineage {
  predictionId: string;
  treeSize: number;
  root: ProvenanceNode;
  /** Links the chain should have and the ledger does not record (what a producer must add). */
  missing: string[];
}

/**
 * "Where did this prediction come from?" (DESIGN.md §4): the prediction's event, then the served
 * features back to their ingest batches and sources, and the model version back to its run, data,
 * code and environment. Every node names the leaf that asserts it.
 */
@Injectable()
export class PredictionLineageUseCase {
  constructor(
    private readonly events: LeafEventReader,
    private readonly walk: WalkLineageUseCase,
    private readonly serving: ServingBranch,
    private readonly models: ModelProvenanceFinder,
  ) {}

  async execute(predictionId: string, asOf?: number): Promise<PredictionLineage> {
    const treeSize = await this.walk.resolveTreeSize(asOf);
    const [made] = (await this.events.bySubject(`prediction:${predictionId}`, treeSize, {
      types: ['PredictionMade'],
      limit: 1,
    })) as LeafEvent<PredictionMade>[];
    if (!made?.value)
      throw new NotFoundException(
        `no PredictionMade for prediction:${predictionId} (as of tree size ${treeSize})`,
      );
    const missing: string[] = [];
    const p = made.value;
    const used = (kind: string) => made.meta.used.find((r) => r.kind === kind)?.id;
    const requestId = p.requestId ?? used('request') ?? null;
    const children: ProvenanceNode[] = [];
    if (requestId) children.push(await this.serving.build(requestId, treeSize, missing));
    else missing.push(`the online feature request of prediction:${predictionId} (requestId is null)`);
    const provenance = await this.models.find(p.modelName, p.modelVersion, treeSize);
    missing.push(...provenance.missing);
    children.push(modelBranch(p.modelName, p.modelVersion, provenance));
    const root = node(
      `prediction:${predictionId}`,
      `prediction ${predictionId} by ${p.modelName}/${p.modelVersion}`,
      [made],
      { outputs: p.outputs, entityKey: p.entityKey, alias: p.alias, inputDigest: p.inputDigest },
      children,
    );
    return { predictionId, treeSize, root, missing };
  }
}
