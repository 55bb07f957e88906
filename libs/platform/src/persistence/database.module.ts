import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { MixedList, EntitySchema } from 'typeorm';
import { EVENTS_MIGRATIONS } from '@provenant/events';

export interface DatabaseOptions {
  url: string;
  /** Each service owns one PostgreSQL schema and never reads another service's tables. */
  schema: string;
  entities: MixedList<string | EntitySchema | (new () => unknown)>;
  migrations?: MixedList<string | (new () => unknown)>;
  /** Pool size and how long a query waits for a free connection (config DATABASE_POOL_*). */
  pool?: { size: number; waitMs: number };
}

/** Creates the service's schema if it is missing; TypeORM's migrations then run inside it. */
export async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            await ensureSchema(options.url, options.schema);
            return {
              type: 'postgres' as const,
              url: options.url,
              schema: options.schema,
              entities: options.entities,
              // Every service has the outbox and processed-events tables; its own migrations follow.
              migrations: [
                ...EVENTS_MIGRATIONS,
                ...((options.migrations as unknown[] | undefined) ?? []),
              ] as never,
              migrationsRun: true,
              migrationsTableName: 'schema_migrations',
              synchronize: false,
              // Reconnects are the pool's job; start-up still fails fast with a clear error.
              retryAttempts: 3,
              retryDelay: 1_000,
              extra: {
                max: options.pool?.size ?? 10,
                connectionTimeoutMillis: options.pool?.waitMs ?? 2_000,
              },
            };
          },
        }),
      ],
    };
  }
}
