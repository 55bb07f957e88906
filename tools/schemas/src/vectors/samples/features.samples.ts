import { provRef, subject } from '@provenant/contracts';
import type {
  EntityApplied,
  FeatureRowBatch,
  FeatureRowsIngested,
  FeatureRowsRejected,
  FeatureServiceApplied,
  FeatureViewApplied,
  LateDataDetected,
  MaterializationCompleted,
} from '@provenant/contracts';
import { digest, sampleMeta, T0 } from './sample-meta';

const HOUR = 3_600_000_000;
const view = subject('feature_view', 'driver_stats');

export const entityApplied: EntityApplied = {
  meta: sampleMeta({
    sequence: 1,
    service: 'registry',
    subject: subject('entity', 'driver'),
    generated: [provRef.entity('driver', 1)],
  }),
  name: 'driver',
  version: 1,
  change: 'CREATED',
  joinKeys: [{ name: 'driver_id', valueType: 'INT64' }],
  description: 'A ride-hailing driver.',
  owner: 'team:mobility',
  tags: { domain: 'mobility' },
  definitionDigest: digest('entity driver v1'),
};

export const featureViewApplied: FeatureViewApplied = {
  meta: sampleMeta({
    sequence: 2,
    service: 'registry',
    subject: view,
    used: [provRef.entity('driver', 1)],
    generated: [provRef.featureView('driver_stats', 2)],
  }),
  name: 'driver_stats',
  version: 2,
  change: 'VERSIONED',
  previousVersion: 1,
  entities: ['driver'],
  features: [
    { name: 'conv_rate', valueType: 'FLOAT64', description: 'Conversion rate over 7 days.', tags: {} },
    { name: 'trips_today', valueType: 'INT64', description: null, tags: { pii: 'false' } },
    { name: 'zones', valueType: 'STRING_LIST', description: 'Zones visited today.', tags: {} },
  ],
  ttlMicros: 2 * 24 * HOUR,
  source: {
    kind: 'batch',
    uri: 'data/driver_stats.parquet',
    timestampField: 'event_timestamp',
    createdTimestampField: 'created',
  },
  online: true,
  freshnessThresholdMicros: HOUR,
  materializationSchedule: '*/15 * * * *',
  description: 'Hourly driver statistics.',
  owner: 'team:mobility',
  tags: { tier: 'gold' },
  definitionDigest: digest('feature_view driver_stats v2'),
};

export const featureServiceApplied: FeatureServiceApplied = {
  meta: sampleMeta({
    sequence: 3,
    service: 'registry',
    subject: subject('feature_service', 'fraud_features'),
    used: [provRef.featureView('driver_stats', 2)],
    generated: [provRef.featureService('fraud_features', 1)],
  }),
  name: 'fraud_features',
  version: 1,
  change: 'CREATED',
  previousVersion: null,
  projections: [
    { featureView: 'driver_stats', featureViewVersion: 2, features: ['conv_rate', 'trips_today'] },
  ],
  description: 'Features of the fraud-detector model.',
  owner: 'team:risk',
  tags: {},
  definitionDigest: digest('feature_service fraud_features v1'),
};

export const featureRowBatch: FeatureRowBatch = {
  meta: sampleMeta({ sequence: 4, service: 'sdk', subject: view }),
  batchId: 'b-20260101-0001',
  featureView: 'driver_stats',
  featureViewVersion: 2,
  rows: [
    {
      entityKey: { driver_id: 1001 },
      eventTs: T0,
      features: {
        conv_rate: { double: 0.72 },
        trips_today: { long: 14 },
        zones: { array: [{ string: 'north' }, { string: 'harbour' }] },
      },
    },
    {
      entityKey: { driver_id: 1002 },
      eventTs: T0 + 3,
      features: { conv_rate: null, trips_today: { long: 0 }, zones: { array: [] } },
    },
  ],
};

export const featureRowsIngested: FeatureRowsIngested = {
  meta: sampleMeta({
    sequence: 5,
    service: 'feature-ingest',
    subject: view,
    causedBy: 4,
    used: [
      provRef.featureView('driver_stats', 2),
      provRef.source('kafka://provenant.feature-rows.v1/3/1842', undefined, 'source'),
    ],
    generated: [provRef.batch('b-20260101-0001', digest('rows b-20260101-0001'))],
  }),
  batchId: 'b-20260101-0001',
  featureView: 'driver_stats',
  featureViewVersion: 2,
  source: 'STREAM',
  sourceUri: 'provenant.feature-rows.v1/3/1842',
  acceptedCount: 2,
  rejectedCount: 0,
  eventTsMin: T0,
  eventTsMax: T0 + 3,
  createdTs: T0 + 5_000_017,
  ingestionSeqFirst: 90_001,
  ingestionSeqLast: 90_002,
  rowsDigest: digest('rows b-20260101-0001'),
};

export const featureRowsRejected: FeatureRowsRejected = {
  meta: sampleMeta({
    sequence: 6,
    service: 'feature-ingest',
    subject: view,
    principal: 'ci-pipeline',
    roles: ['pipeline'],
  }),
  batchId: 'b-20260101-0002',
  featureView: 'driver_stats',
  featureViewVersion: 2,
  source: 'PUSH',
  policy: 'ACCEPT_VALID',
  totalRows: 3,
  rejectedCount: 1,
  rejections: [
    {
      rowIndex: 2,
      reason: 'WRONG_TYPE',
      field: 'conv_rate',
      message: 'conv_rate: expected FLOAT64, got string "abc"',
    },
  ],
  truncated: false,
};

export const lateDataDetected: LateDataDetected = {
  meta: sampleMeta({
    sequence: 7,
    service: 'feature-ingest',
    subject: view,
    used: [provRef.batch('b-20260101-0003')],
  }),
  batchId: 'b-20260101-0003',
  featureView: 'driver_stats',
  featureViewVersion: 2,
  lateRowCount: 12,
  eventTsMin: T0 - 3 * HOUR,
  eventTsMax: T0 - HOUR,
  watermark: T0,
};

export const materializationCompleted: MaterializationCompleted = {
  meta: sampleMeta({
    sequence: 8,
    service: 'materializer',
    subject: view,
    principal: 'materializer',
    roles: [],
    used: [provRef.featureView('driver_stats', 2), provRef.batch('b-20260101-0001')],
    generated: [provRef.materialization('m-0042')],
  }),
  materializationId: 'm-0042',
  featureView: 'driver_stats',
  featureViewVersion: 2,
  mode: 'SCHEDULED',
  status: 'SUCCEEDED',
  windowStart: T0 - HOUR,
  windowEnd: T0 + HOUR,
  previousWatermark: T0 - HOUR,
  watermark: T0 + HOUR,
  rowsRead: 2,
  rowsWritten: 2,
  rowsSkippedStale: 0,
  startedAt: T0 + 2 * HOUR,
  completedAt: T0 + 2 * HOUR + 48_211,
  rowsDigest: digest('materialized m-0042'),
  error: null,
};
