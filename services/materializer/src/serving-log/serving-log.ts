import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { provRef, subject, type Actor, type FeatureVectorServed } from '@provenant/contracts';
import { currentTraceHeaders, EventMetaFactory, Outbox, type OutboxRow } from '@provenant/events';
import { APP_CONFIG, SERVICE_IDENTITY, type ServiceIdentity } from '@provenant/platform';
import type { MaterializerConfig } from '../config';
import type { ServedVector } from '../online/get-online-features.usecase';
import { servedValueAvro } from './served-value.avro';

const FLUSH_MS = 100;
const MAX_PENDING = 50_000;
// ~40 bytes of Avro a value: 10,000 values keep an event near 400 kB, well inside the outbox
// relay's 900 kB sends and Kafka's default 1 MB message limit. A larger request is logged as
// several events with its request id, its entity rows split in request order.
export const MAX_VALUES_PER_EVENT = 10_000;

/** Entity rows grouped so a group holds at most MAX_VALUES_PER_EVENT values (at least one row). */
export function parts<T>(served: T[][]): { row: T[]; index: number }[][] {
  const out: { row: T[]; index: number }[][] = [];
  let part: { row: T[]; index: number }[] = [];
  let values = 0;
  served.forEach((row, index) => {
    if (part.length > 0 && values + row.length > MAX_VALUES_PER_EVENT) {
      out.push(part);
      part = [];
      values = 0;
    }
    part.push({ row, index });
    values += row.length;
  });
  if (part.length > 0) out.push(part);
  return out;
}

/**
 * FeatureVectorServed for sampled requests, off the hot path. A request only keeps its vector and
 * its span's trace headers; right after its turn of the event loop (its response written) the
 * vector becomes its events, encoded as outbox rows, a few requests' worth at a time, rather than
 * 100 ms of them in one long turn at flush time. A timer writes the rows that accumulated to the
 * outbox in one transaction (one multi-row INSERT), so serving latency does not include a
 * PostgreSQL commit. While PostgreSQL is away the rows are kept up to MAX_PENDING, then the oldest
 * are dropped (and counted in the log): serving must not stop because the serving log cannot be
 * written.
 */
@Injectable()
export class ServingLog implements OnApplicationShutdown {
  private readonly log = new Logger(ServingLog.name);
  private readonly metas: EventMetaFactory;
  private pending: OutboxRow[] = [];
  private unencoded: { vector: ServedVector; actor: Actor; rate: number; trace: Record<string, string> }[] =
    [];
  private encoding: NodeJS.Immediate | null = null;
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: MaterializerConfig,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.metas = new EventMetaFactory(identity);
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  record(vector: ServedVector, actor: Actor): void {
    const rate = this.config.SERVING_LOG_SAMPLE_RATE;
    if (rate <= 0 || (rate < 1 && Math.random() >= rate)) return;
    // The serving request's span, which the events continue (the encoding runs outside it).
    this.unencoded.push({ vector, actor, rate, trace: currentTraceHeaders() });
    this.encoding ??= setImmediate(() => this.encodeRecorded());
  }

  private encodeRecorded(): void {
    this.encoding = null;
    const recorded = this.unencoded;
    this.unencoded = [];
    for (const { vector, actor, rate, trace } of recorded) {
      // Outside any request: a vector that cannot be encoded is dropped and named, so it neither
      // crashes the process (this runs in its own turn) nor stops the log behind it.
      try {
        const rows = this.events(vector, actor, rate).map((e) =>
          this.outbox.rowOf('FeatureVectorServed', e, trace),
        );
        this.pending.push(...rows);
      } catch (err) {
        this.log.error(
          `serving log: request ${vector.requestId} not logged, its FeatureVectorServed does not encode: ${(err as Error).message}`,
        );
      }
    }
    if (this.pending.length > MAX_PENDING) {
      const dropped = this.pending.length - MAX_PENDING;
      this.pending.splice(0, dropped);
      this.log.warn(
        `serving log: PostgreSQL behind, dropped the oldest ${dropped} FeatureVectorServed events`,
      );
    }
  }

  /** The vector as events: one, or several for a request of more than MAX_VALUES_PER_EVENT values. */
  private events(v: ServedVector, actor: Actor, rate: number): FeatureVectorServed[] {
    return parts(v.served).map((rows) => {
      const views = new Map<string, number>();
      const batches = new Set<string>();
      for (const { row } of rows)
        for (const s of row) {
          views.set(s.view, s.version);
          if (s.batchId) batches.add(s.batchId);
        }
      return {
        meta: this.metas.create({
          subject: subject('request', v.requestId),
          actor,
          used: [
            ...[...views].map(([name, version]) => provRef.featureView(name, version)),
            ...[...batches].map((b) => provRef.batch(b)),
          ],
          generated: [provRef.request(v.requestId)],
        }),
        requestId: v.requestId,
        featureService: v.featureService,
        sampleRate: rate,
        entities: rows.map(({ row, index }) => ({
          entityKey: v.entities[index],
          features: row.map((s) => ({
            featureView: s.view,
            featureViewVersion: s.version,
            name: s.feature,
            status: s.status,
            value: servedValueAvro(s.valueType, s.value),
            eventTs: s.eventTs,
            batchId: s.batchId,
          })),
        })),
      };
    });
  }

  /** Writes everything recorded so far; one flush at a time. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.encoding) {
        clearImmediate(this.encoding);
        this.encodeRecorded();
      }
      if (this.pending.length === 0) return;
      const batch = this.pending;
      this.pending = [];
      try {
        await this.dataSource.transaction((m) => this.outbox.insertRows(m, batch));
      } catch (err) {
        this.pending = batch.concat(this.pending);
        this.log.warn(`serving log: flush failed, will retry: ${(err as Error).message}`);
      }
    });
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
