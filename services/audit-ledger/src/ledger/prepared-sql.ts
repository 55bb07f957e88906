import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { Sql } from './ledger-tables';

/**
 * Runs each statement as a named prepared statement on the DataSource's pool, so PostgreSQL plans
 * it once per connection (then reuses its generic plan) instead of on every call: for a proof's
 * node lookup at 10M leaves, planning took as long as executing. Only for statements whose text is
 * fixed (values as parameters): each distinct text becomes one statement on every connection. A
 * transaction-mode pooler in front of PostgreSQL must support prepared statements (PgBouncer ≥ 1.21).
 */
export class PreparedSql implements Sql {
  private readonly names = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  async query(text: string, values?: unknown[]): Promise<any[]> {
    let name = this.names.get(text);
    if (name === undefined) this.names.set(text, (name = `ledger_${this.names.size}`));
    // TypeORM's own pool: the same connections, limits and instrumentation as every other query.
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    return (await pool.query({ name, text, values })).rows;
  }
}
