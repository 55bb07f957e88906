import { Client, ClientConfig } from 'pg';
import { parseDatabaseUrl } from './endpoints';

/**
 * Makes the role and database named in DATABASE_URL exist, as the cluster's superuser. The role
 * gets CREATEDB (tests create a database per file) and CREATEROLE (services create their own
 * restricted roles, e.g. the materializer's read-only role on the offline store).
 */
export async function ensureDatabaseAndRole(superuser: ClientConfig, databaseUrl: string): Promise<void> {
  const { user, password, database } = parseDatabaseUrl(databaseUrl);
  const client = new Client(superuser);
  await client.connect();
  try {
    const role = client.escapeIdentifier(user);
    const passwordClause = password ? `PASSWORD ${client.escapeLiteral(password)}` : 'PASSWORD NULL';
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [user]);
    // ALTER on every run keeps the password in step with DATABASE_URL if it changed.
    await client.query(
      `${rowCount ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN CREATEDB CREATEROLE ${passwordClause}`,
    );
    const existing = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!existing.rowCount)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)} OWNER ${role}`);
  } finally {
    await client.end();
  }
}
