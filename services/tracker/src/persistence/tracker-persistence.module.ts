import { DynamicModule, Global, Module } from '@nestjs/common';
import { BlobStore, blobStoreFromUri } from '@provenant/blob-store';
import { artifactStoreUri, type TrackerConfig } from '../config';
import { TrackerEvents } from './tracker-events';
import { TrackerTables } from './tracker-tables';

/** What every tracker capability shares: its tables, its event publisher and the blob store. */
@Global()
@Module({})
export class TrackerPersistenceModule {
  static forRoot(config: TrackerConfig): DynamicModule {
    return {
      module: TrackerPersistenceModule,
      providers: [
        { provide: TrackerTables, useValue: new TrackerTables(config.DATABASE_SCHEMA) },
        { provide: BlobStore, useValue: blobStoreFromUri(artifactStoreUri(config), config) },
        TrackerEvents,
      ],
      exports: [TrackerTables, BlobStore, TrackerEvents],
    };
  }
}
