import { provRef, subject } from '@provenant/contracts';
import type {
  FeatureVectorServed,
  LedgerCheckpointSigned,
  LedgerIntegrityViolation,
  PredictionMade,
} from '@provenant/contracts';
import { digest, sampleMeta, T0 } from './sample-meta';

export const featureVectorServed: FeatureVectorServed = {
  meta: sampleMeta({
    sequence: 29,
    service: 'materializer',
    subject: subject('request', 'req-77'),
    principal: 'scoring-service',
    roles: ['pipeline'],
    used: [provRef.featureView('driver_stats', 2), provRef.batch('b-20260101-0001')],
    generated: [provRef.request('req-77')],
  }),
  requestId: 'req-77',
  featureService: 'fraud_features@v1',
  sampleRate: 1,
  entities: [
    {
      entityKey: { driver_id: 1001 },
      features: [
        {
          featureView: 'driver_stats',
          featureViewVersion: 2,
          name: 'conv_rate',
          status: 'PRESENT',
          value: { double: 0.72 },
          eventTs: T0,
          batchId: 'b-20260101-0001',
        },
        {
          featureView: 'driver_stats',
          featureViewVersion: 2,
          name: 'trips_today',
          status: 'OUTSIDE_MAX_AGE',
          value: { long: 14 },
          eventTs: T0,
          batchId: 'b-20260101-0001',
        },
        {
          featureView: 'driver_stats',
          featureViewVersion: 2,
          name: 'rating',
          status: 'NOT_FOUND',
          value: null,
          eventTs: null,
          batchId: null,
        },
      ],
    },
  ],
};

export const predictionMade: PredictionMade = {
  meta: sampleMeta({
    sequence: 30,
    service: 'sdk',
    subject: subject('prediction', 'pred-9001'),
    principal: 'scoring-service',
    used: [
      provRef.modelVersion('fraud-detector', 3, undefined, 'model'),
      provRef.request('req-77', 'features'),
    ],
    generated: [provRef.prediction('pred-9001')],
  }),
  predictionId: 'pred-9001',
  requestId: 'req-77',
  modelName: 'fraud-detector',
  modelVersion: 3,
  alias: 'production',
  entityKey: { driver_id: 1001, card: Buffer.from([0xde, 0xad, 0xbe, 0xef]) },
  outputs: { score: { double: 0.93 }, label: { string: 'fraud' }, flagged: { boolean: true } },
  inputDigest: digest('input vector pred-9001'),
  latencyMicros: 840,
};

const NOTE =
  'provenant.example/ledger\n1024\nq9Gm3xV2bK1n0cXw8YpQe7rT5uI4oP3aS2dF1gH0jKs=\n\n— provenant.example/ledger Az3bAAAAAAAA\n';

export const ledgerCheckpointSigned: LedgerCheckpointSigned = {
  meta: sampleMeta({
    sequence: 31,
    service: 'audit-ledger',
    subject: subject('ledger', 'provenant.example/ledger'),
    principal: 'audit-ledger',
    roles: [],
    generated: [provRef.checkpoint('provenant.example/ledger', 1024)],
  }),
  origin: 'provenant.example/ledger',
  treeSize: 1024,
  rootHash: digest('root 1024').slice(7),
  note: NOTE,
  keyName: 'provenant.example/ledger',
  keyId: '033b9b01',
  previousTreeSize: 512,
};

export const ledgerIntegrityViolation: LedgerIntegrityViolation = {
  meta: sampleMeta({
    sequence: 32,
    service: 'audit-ledger',
    subject: subject('ledger', 'provenant.example/ledger'),
    principal: 'audit-ledger',
    roles: [],
  }),
  violationId: 'iv-0001',
  kind: 'LEAF_HASH_MISMATCH',
  firstBadIndex: 517,
  treeSize: 1024,
  expected: digest('leaf 517').slice(7),
  actual: digest('tampered 517').slice(7),
  detail: 'leaf 517 does not hash to the stored leaf hash',
};
