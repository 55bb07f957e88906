import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '@provenant/platform';
import { eventTsOf, fields } from './online-key';

export interface OnlineLookup {
  key: string;
  /** The view's order and batch fields, then its features' (`viewFields`); shared by its lookups. */
  fields: string[];
}

/** What one lookup of `features` of the view `tag` reads from the entity hash. */
export const viewFields = (tag: string, features: string[]): string[] => [
  fields.order(tag),
  fields.batch(tag),
  ...features.map((f) => fields.feature(tag, f)),
];

export interface OnlineHit {
  /** null when the view has never been materialized for this entity (or the key expired). */
  eventTs: number | null;
  batchId: string | null;
  /** Raw JSON per feature, null when absent. */
  values: (string | null)[];
}

/**
 * Reads any number of (entity, view) lookups in one pipeline: one round trip per request
 * whatever the number of views and entities (Feast's Redis store does the same).
 */
@Injectable()
export class OnlineStoreReader {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async read(lookups: OnlineLookup[]): Promise<OnlineHit[]> {
    const pipeline = this.redis.pipeline();
    for (const l of lookups) pipeline.hmget(l.key, ...l.fields);
    let results: [Error | null, unknown][] | null;
    try {
      results = await pipeline.exec();
    } catch (err) {
      throw unavailable(err);
    }
    return (results ?? []).map(([err, reply]) => {
      if (err) throw unavailable(err);
      const [order, batchId, ...values] = reply as (string | null)[];
      return { eventTs: eventTsOf(order), batchId, values };
    });
  }
}

/** Redis away: the caller gets 503 at once (the client has no offline queue) and retries later. */
function unavailable(err: unknown): ServiceUnavailableException {
  const reason = err instanceof Error ? err.message : String(err);
  return new ServiceUnavailableException(`online store unavailable: Redis did not answer (${reason})`);
}
