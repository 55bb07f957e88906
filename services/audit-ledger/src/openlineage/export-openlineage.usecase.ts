import { Inject, Injectable } from '@nestjs/common';
import { formatProvRef } from '@provenant/contracts';
import type { AuditLedgerConfig } from '../config';
import { LEDGER_CONFIG } from '../ledger/ledger.tokens';
import { LeafEventReader, type LeafEvent } from '../lineage/leaf-event-reader';
import { EXPORTED_TYPES, OpenLineageExportMapper, type SchemaField } from './openlineage-export.mapper';
import type { OpenLineageRunEvent } from './run-event';

export interface OpenLineageExportPage {
  events: OpenLineageRunEvent[];
  /** Pass as `after` for the next page; null when this page reached the end of the log. */
  next: number | null;
}

/**
 * A page of OpenLineage RunEvents built from the log's own leaves (LeafEventReader), so each
 * exported event names, in its `provenant` run facet, the leaf that proves it.
 */
@Injectable()
export class ExportOpenLineageUseCase {
  constructor(
    private readonly leaves: LeafEventReader,
    @Inject(LEDGER_CONFIG) private readonly config: AuditLedgerConfig,
  ) {}

  async execute(after: number, limit: number): Promise<OpenLineageExportPage> {
    const page = await this.leaves.byTypes(EXPORTED_TYPES, { after, limit });
    const mapper = new OpenLineageExportMapper(
      {
        namespace: this.config.LEDGER_OPENLINEAGE_NAMESPACE,
        producer: this.config.LEDGER_OPENLINEAGE_PRODUCER,
        origin: this.config.LEDGER_ORIGIN,
      },
      await this.viewSchemas(page),
    );
    return {
      events: page.flatMap((leaf) => mapper.toRunEvents(leaf)),
      next: page.length < limit ? null : page[page.length - 1].leafIndex,
    };
  }

  /** The schema of each feature view version the page's events read, from its FeatureViewApplied. */
  private async viewSchemas(page: LeafEvent[]): Promise<Map<string, SchemaField[]>> {
    const schemas = new Map<string, SchemaField[]>();
    const views = new Set(page.flatMap((l) => l.meta.used.filter((r) => r.kind === 'feature_view')));
    const names = new Set([...views].map((r) => r.id.replace(/@v\d+$/, '')));
    const treeSize = await this.leaves.treeSize();
    for (const name of names)
      for (const applied of await this.leaves.bySubject(`feature_view:${name}`, treeSize, {
        types: ['FeatureViewApplied'],
      }))
        if (applied.value)
          schemas.set(
            formatProvRef({ kind: 'feature_view', id: `${name}@v${applied.value.version}` }),
            applied.value.features.map((f: any) => ({
              name: f.name,
              type: String(f.valueType),
              ...(f.description ? { description: f.description } : {}),
            })),
          );
    return schemas;
  }
}
