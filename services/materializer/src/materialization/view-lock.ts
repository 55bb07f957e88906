import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG } from '@provenant/platform';
import type { MaterializerConfig } from '../config';

/**
 * One materialization of a view at a time, across every instance: a PostgreSQL session-level
 * advisory lock held on its own connection for the whole run. If the instance dies, its
 * connection closes and PostgreSQL releases the lock: no lease to expire, no stale owner.
 */
@Injectable()
export class ViewLock implements OnModuleDestroy {
  private readonly pool: Pool;
  private readonly namespace: string;

  constructor(@Inject(APP_CONFIG) config: MaterializerConfig) {
    // Its own small pool: a long run holds one connection, and must not starve the app's pool.
    this.pool = new Pool({ connectionString: config.DATABASE_URL, max: 4, connectionTimeoutMillis: 2_000 });
    this.pool.on('error', () => undefined); // an idle connection dropped: the pool replaces it
    // Keyed by schema too: two deployments (or test environments) sharing a cluster never collide.
    this.namespace = `${config.DATABASE_SCHEMA}.materialize.`;
  }

  /** Waits for the view's lock, then runs `fn` holding it. */
  async waitFor<T>(view: string, fn: () => Promise<T>): Promise<T> {
    return (await this.hold(view, 'pg_advisory_lock', fn)).value as T;
  }

  /** Runs `fn` holding the view's lock, or answers `held: false` at once if another run has it. */
  tryFor<T>(view: string, fn: () => Promise<T>): Promise<{ held: boolean; value?: T }> {
    return this.hold(view, 'pg_try_advisory_lock', fn);
  }

  private async hold<T>(view: string, lockFn: string, fn: () => Promise<T>) {
    const client = await this.pool.connect();
    const key = this.namespace + view;
    let broken: Error | undefined;
    try {
      const { rows } = await client
        .query(`SELECT ${lockFn}(hashtextextended($1, 0)) AS ok`, [key])
        .catch((err: Error) => {
          broken = err;
          throw err;
        });
      if (rows[0].ok === false) return { held: false };
      try {
        return { held: true, value: await fn() };
      } finally {
        await client
          .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key])
          .catch((err: Error) => {
            broken = err;
          });
      }
    } finally {
      // A connection that could not unlock must not go back to the pool still holding the lock.
      client.release(broken);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
