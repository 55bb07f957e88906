import { Injectable } from '@nestjs/common';
import type { FeatureRowsIngested, FeatureVectorServed } from '@provenant/contracts';
import { LeafEventReader, type LeafEvent } from './leaf-event-reader';
import { LineageGraphRepository } from './lineage-graph.repository';
import { micros, node, plain, type ProvenanceNode } from './provenance-node';

type ServedFeature = FeatureVectorServed['entities'][number]['features'][number];

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
    // A large request is logged as several events with its id, its entity rows split in request
    // order (ServingLog), so every part is read, in log order.
    const parts = (
      (await this.events.bySubject(`request:${requestId}`, treeSize, {
        types: ['FeatureVectorServed'],
      })) as LeafEvent<FeatureVectorServed>[]
    ).filter((p) => p.value);
    if (parts.length === 0) {
      missing.push(`FeatureVectorServed for request:${requestId} (not logged, or sampled out)`);
      return node(`request:${requestId}`, 'online feature request (no serving log)', []);
    }
    const rows = parts.flatMap((part) => part.value!.entities.map((entity) => ({ entity, part })));
    const values = rows.flatMap(({ entity, part }) =>
      entity.features.map((f) =>
        node(
          `feature_view:${f.featureView}@v${f.featureViewVersion}`,
          `${f.featureView}:${f.name} = ${JSON.stringify(plain(f.value))}`,
          [part],
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
    const served = rows.flatMap(({ entity }) => entity.features);
    const batchIds = [...new Set(served.map((f) => f.batchId))];
    const batches = await Promise.all(
      batchIds.filter((b): b is string => !!b).map((b) => this.batchNode(b, served, treeSize, missing)),
    );
    const first = parts[0].value!;
    return node(
      `request:${requestId}`,
      `features served for request ${requestId}`,
      parts,
      { featureService: first.featureService, sampleRate: first.sampleRate },
      [...values, ...batches],
    );
  }

  private async batchNode(
    batchId: string,
    served: ServedFeature[],
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
  private async ingestOf(batchId: string, served: ServedFeature[], treeSize: number) {
    const isIt = (e: LeafEvent) => e.eventType === 'FeatureRowsIngested' && e.value?.batchId === batchId;
    const viaEdges = (
      await this.events.byIndexes(await this.graph.assertersOf(`batch:${batchId}`, treeSize))
    ).find(isIt);
    if (viaEdges) return viaEdges as LeafEvent<FeatureRowsIngested>;
    const view = served.find((f) => f.batchId === batchId)?.featureView;
    const ofView = view
      ? await this.events.bySubject(`feature_view:${view}`, treeSize, { types: ['FeatureRowsIngested'] })
      : [];
    return (ofView.find(isIt) ?? null) as LeafEvent<FeatureRowsIngested> | null;
  }
}
