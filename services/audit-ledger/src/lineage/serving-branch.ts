import { Injectable } from '@nestjs/common';
import type { FeatureRowsIngested, FeatureVectorServed } from '@provenant/contracts';
import { LeafEventReader, type LeafEvent } from './leaf-event-reader';
import { LineageGraphRepository } from './lineage-graph.repository';
import { micros, node, plain, type ProvenanceNode } from './provenance-node';

/**
 * The serving half of a prediction's lineage: the logged feature vector, each served value with
 * its event time and batch, each batch's ingest event and its source.
 */
@Injectable()
export class ServingBranch {
  constructor(
    private readonly events: LeafEventReader,
    private readonly graph: LineageGraphRepository,
  ) {}

  async build(requestId: string, treeSize: number, missing: string[]): Promise<ProvenanceNode> {
    const [served] = (await this.events.bySubject(`request:${requestId}`, treeSize, {
      types: ['FeatureVectorServed'],
      limit: 1,
    })) as LeafEvent<FeatureVectorServed>[];
    if (!served?.value) {
      missing.push(`FeatureVectorServed for request:${requestId} (not logged, or sampled out)`);
      return node(`request:${requestId}`, 'online feature request (no serving log)', []);
    }
    const values = served.value.entities.flatMap((entity) =>
      entity.features.map((f) =>
        node(
          `feature_view:${f.featureView}@v${f.featureViewVersion}`,
          `${f.featureView}:${f.name} = ${JSON.stringify(plain(f.value))}`,
          [served],
          {
            entityKey: entity.entityKey,
            feature: f.name,
            value: f.value,
            status: f.status,
            eventTs: micros(f.eventTs),
            batchId: f.batchId,
          },
        ),
      ),
    );
    const batchIds = [...new Set(served.value.entities.flatMap((e) => e.features.map((f) => f.batchId)))];
    const batches = await Promise.all(
      batchIds.filter((b): b is string => !!b).map((b) => this.batchNode(b, served, treeSize, missing)),
    );
    return node(
      `request:${requestId}`,
      `features served for request ${requestId}`,
      [served],
      { featureService: served.value.featureService, sampleRate: served.value.sampleRate },
      [...values, ...batches],
    );
  }

  private async batchNode(
    batchId: string,
    served: LeafEvent<FeatureVectorServed>,
    treeSize: number,
    missing: string[],
  ): Promise<ProvenanceNode> {
    const ingested = await this.ingestOf(batchId, served, treeSize);
    if (!ingested?.value) {
      missing.push(`FeatureRowsIngested for batch:${batchId}`);
      return node(`batch:${batchId}`, `ingest batch ${batchId} (not in the ledger)`, []);
    }
    const v = ingested.value;
    const source = v.sourceUri
      ? [node(`source:${v.sourceUri}`, `${v.source} source ${v.sourceUri}`, [ingested], { uri: v.sourceUri })]
      : [];
    return node(
      `batch:${batchId}`,
      `ingest batch ${batchId} into ${v.featureView}@v${v.featureViewVersion}`,
      [ingested],
      {
        featureView: `${v.featureView}@v${v.featureViewVersion}`,
        source: v.source,
        sourceUri: v.sourceUri,
        acceptedCount: v.acceptedCount,
        eventTsMin: micros(v.eventTsMin),
        eventTsMax: micros(v.eventTsMax),
        createdTs: micros(v.createdTs),
        rowsDigest: v.rowsDigest,
      },
      source,
    );
  }

  /** The batch's ingest event: through the edges into `batch:<id>`, else among its view's events. */
  private async ingestOf(batchId: string, served: LeafEvent<FeatureVectorServed>, treeSize: number) {
    const isIt = (e: LeafEvent) => e.eventType === 'FeatureRowsIngested' && e.value?.batchId === batchId;
    const viaEdges = (
      await this.events.byIndexes(await this.graph.assertersOf(`batch:${batchId}`, treeSize))
    ).find(isIt);
    if (viaEdges) return viaEdges as LeafEvent<FeatureRowsIngested>;
    const view = served
      .value!.entities.flatMap((e) => e.features)
      .find((f) => f.batchId === batchId)?.featureView;
    const ofView = view
      ? await this.events.bySubject(`feature_view:${view}`, treeSize, { types: ['FeatureRowsIngested'] })
      : [];
    return (ofView.find(isIt) ?? null) as LeafEvent<FeatureRowsIngested> | null;
  }
}
