import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '@provenant/platform';
import { NEWEST_WINS_LUA } from './newest-wins.lua';

export interface OnlineRow {
  key: string;
  tag: string;
  eventTs: number;
  createdTs: number;
  seq: number;
  batchId: string;
  /** Epoch ms at which the key may expire (event_ts + ttl); 0 for a view without ttl. */
  expireAtMs: number;
  /** Every feature of the view version with its JSON value, '' for null (removes the field). */
  features: [string, string][];
}

export type WriteOutcome = 'written' | 'already-online' | 'stale';
const OUTCOMES: WriteOutcome[] = ['stale', 'written', 'already-online'];
const CHUNK = 2_000;

type WithScript = Redis & { onlineNewestWins(key: string, ...args: (string | number)[]): Promise<number> };

/** Writes rows into the online store through the newest-wins script, pipelined. */
@Injectable()
export class OnlineStoreWriter {
  private readonly redis: WithScript;

  constructor(@Inject(REDIS_CLIENT) redis: Redis) {
    // defineCommand sends EVALSHA and falls back to EVAL once after a Redis restart (NOSCRIPT).
    if (!('onlineNewestWins' in redis))
      redis.defineCommand('onlineNewestWins', { numberOfKeys: 1, lua: NEWEST_WINS_LUA });
    this.redis = redis as WithScript;
  }

  /** False while the connection to Redis is down (ioredis reconnects by itself). */
  get available(): boolean {
    return this.redis.status === 'ready';
  }

  /** One outcome per row, in order. Rejects (nothing partial is reported) if Redis fails. */
  async write(rows: OnlineRow[]): Promise<WriteOutcome[]> {
    const out: WriteOutcome[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      const pipeline = this.redis.pipeline() as ReturnType<Redis['pipeline']> & {
        onlineNewestWins(key: string, ...args: (string | number)[]): unknown;
      };
      for (const r of rows.slice(i, i + CHUNK))
        pipeline.onlineNewestWins(
          r.key,
          r.tag,
          r.eventTs,
          r.createdTs,
          r.seq,
          r.batchId,
          r.expireAtMs,
          r.features.length,
          ...r.features.flat(),
        );
      const results = (await pipeline.exec()) ?? [];
      for (const [err, code] of results) {
        if (err) throw err;
        out.push(OUTCOMES[code as number]);
      }
    }
    return out;
  }
}
