import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { nowMicros, type FeatureRowsIngested } from '@provenant/contracts';
import { APP_CONFIG } from '@provenant/platform';
import type { MaterializerConfig } from '../config';
import { OnlineFreshness } from '../freshness/online-freshness';
import { FeatureCatalog } from '../training-sets/feature-catalog';
import { newestOnline, onlineMetrics } from '../online/metrics';
import { OnlineStoreWriter, type OnlineRow, type WriteOutcome } from '../online/online-store.writer';
import { OfflineRowsSource } from './offline-rows.source';
import { toOnlineRows } from './to-online-rows';

// How long a batch waits for Redis to come back before the consumer's retries (then the dead
// letter topic) take over; the next incremental run would still pick the rows up.
const REDIS_WAIT_MS = 30_000;

/**
 * Streaming materialization: an accepted batch (push, stream or bulk; FeatureRowsIngested) goes
 * online as soon as feature-ingest commits it. The rows are read back from the offline store by
 * batch id rather than taken from the data-plane topic, so the online store holds exactly what
 * was accepted, already validated and coerced, with the offline store's µs event_ts, created_ts
 * and ingestion order (the newest-wins order); a late batch is simply a batch, and re-applying
 * one (redelivery, replay) changes nothing.
 */
@Injectable()
export class MaterializeIngestedBatchUseCase {
  private readonly prefix: string;

  constructor(
    private readonly catalog: FeatureCatalog,
    private readonly source: OfflineRowsSource,
    private readonly writer: OnlineStoreWriter,
    private readonly freshness: OnlineFreshness,
    @Inject(APP_CONFIG) config: MaterializerConfig,
  ) {
    this.prefix = config.ONLINE_KEY_PREFIX;
  }

  async execute(e: FeatureRowsIngested, m: EntityManager): Promise<Record<WriteOutcome, number>> {
    const view = await this.catalog.view(m, e.featureView, e.featureViewVersion);
    // Definitions travel on other partitions; throwing retries until the catalog has caught up.
    if (!view)
      throw new Error(`feature view ${e.featureView} v${e.featureViewVersion} is not in the catalog yet`);
    const rows = await this.source.batch(e.batchId);
    const outcomes = await this.writeWaitingForRedis(toOnlineRows(this.prefix, view, rows));
    const counts = { written: 0, 'already-online': 0, stale: 0 };
    for (const o of outcomes) counts[o]++;
    if (e.eventTsMax !== null && rows.length > 0) {
      // In the consumer's transaction: recorded once per batch, with the event.
      await this.freshness.record(m, e.featureView, e.featureViewVersion, e.eventTsMax);
      if (e.eventTsMax > (newestOnline.get(e.featureView) ?? -Infinity))
        newestOnline.set(e.featureView, e.eventTsMax);
    }
    onlineMetrics.newestAge();
    onlineMetrics
      .ingestToOnline()
      .observe({ feature_view: e.featureView }, Math.max(0, nowMicros() - e.createdTs) / 1e6);
    return counts;
  }

  /**
   * A short Redis outage must not dead-letter accepted batches: wait for the reconnect (in order,
   * the partition waits too) with backoff. Other errors fail at once.
   */
  private async writeWaitingForRedis(rows: OnlineRow[]): Promise<WriteOutcome[]> {
    const deadline = Date.now() + REDIS_WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.writer.write(rows);
      } catch (err) {
        if (this.writer.available || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 2_000)));
      }
    }
  }
}
