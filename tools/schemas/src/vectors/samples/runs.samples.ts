import { provRef, subject } from '@provenant/contracts';
import type {
  ArtifactLogged,
  DatasetVersionRegistered,
  ExperimentCreated,
  RunCompleted,
  RunInputsLogged,
  RunMetricsLogged,
  RunParamsLogged,
  RunStarted,
  RunTagsSet,
  TrainingSetCreated,
} from '@provenant/contracts';
import { digest, sampleMeta, T0 } from './sample-meta';

const RUN = '5f1c0d2e9a7b4c3d8e6f1a2b3c4d5e6f';
const run = subject('run', RUN);
const COMMIT = '3f9a1c0b7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f01';
const ENV = digest('env dev');
const TRAINING = digest('training set ts-0007');

export const datasetVersionRegistered: DatasetVersionRegistered = {
  meta: sampleMeta({
    sequence: 9,
    service: 'registry',
    subject: subject('dataset', 'raw_trips'),
    used: [provRef.dataset('raw_trips_xml', digest('raw xml'), 'source')],
    generated: [provRef.dataset('raw_trips', digest('raw_trips v3'))],
  }),
  datasetName: 'raw_trips',
  version: 3,
  digest: digest('raw_trips v3'),
  origin: 'DVC_IMPORT',
  path: 'data/prepared',
  fileCount: 2,
  totalBytes: 23_861_319,
  dvcMd5: '20b786b6e6f80e2b3fcf17827ad18597.dir',
  trainingSetId: null,
  previousVersion: 2,
  dvcStage: {
    name: 'prepare',
    cmd: 'python src/prepare.py data/data.xml',
    params: { 'prepare.seed': '20170428', 'prepare.split': '0.2' },
  },
  description: 'Prepared trips, imported from dvc.lock.',
  tags: { source: 'dvc' },
};

export const trainingSetCreated: TrainingSetCreated = {
  meta: sampleMeta({
    sequence: 10,
    service: 'materializer',
    subject: subject('dataset', 'fraud_training'),
    used: [
      provRef.featureView('driver_stats', 2),
      provRef.dataset('fraud_labels', digest('labels'), 'entities'),
    ],
    generated: [provRef.dataset('fraud_training', TRAINING)],
  }),
  trainingSetId: 'ts-0007',
  name: 'fraud_training',
  digest: TRAINING,
  format: 'PARQUET',
  outputUri: 'blob://sha256/' + TRAINING.slice(7),
  rowCount: 100_000,
  entityRowsDigest: digest('labels'),
  entityRowCount: 100_000,
  featureRefs: ['driver_stats:conv_rate', 'driver_stats:trips_today'],
  featureService: 'fraud_features@v1',
  featureViews: [{ name: 'driver_stats', version: 2 }],
  asOf: T0,
  entityTsMin: T0 - 86_400_000_000,
  entityTsMax: T0 - 1,
};

export const experimentCreated: ExperimentCreated = {
  meta: sampleMeta({
    sequence: 11,
    service: 'tracker',
    subject: subject('experiment', '7'),
    generated: [provRef.experiment('7')],
  }),
  experimentId: '7',
  name: 'fraud-detector',
  artifactLocation: 'mlflow-artifacts:/7',
  tags: [{ key: 'team', value: 'risk' }],
};

export const runStarted: RunStarted = {
  meta: sampleMeta({
    sequence: 12,
    service: 'tracker',
    subject: run,
    used: [provRef.commit(COMMIT), provRef.env(ENV)],
    generated: [provRef.run(RUN)],
  }),
  runId: RUN,
  experimentId: '7',
  runName: 'gbm-depth-6',
  startTime: T0,
  userId: 'alice',
  parentRunId: null,
  tags: [{ key: 'mlflow.source.git.commit', value: COMMIT }],
  code: {
    commit: COMMIT,
    repoUrl: 'https://git.example.com/risk/fraud.git',
    branch: 'main',
    dirty: false,
    diffDigest: null,
  },
  environmentFingerprint: ENV,
};

export const runParamsLogged: RunParamsLogged = {
  meta: sampleMeta({ sequence: 13, service: 'tracker', subject: run }),
  runId: RUN,
  params: [
    { key: 'max_depth', value: '6' },
    { key: 'learning_rate', value: '0.1' },
  ],
};

export const runMetricsLogged: RunMetricsLogged = {
  meta: sampleMeta({ sequence: 14, service: 'tracker', subject: run }),
  runId: RUN,
  metrics: [
    { key: 'auc', value: 0.9132, timestamp: T0 + 1_000, step: 1 },
    { key: 'loss', value: 0.25, timestamp: T0 + 1_000, step: 1 },
    { key: 'loss', value: 0.21, timestamp: T0 + 2_000, step: 2 },
  ],
};

export const runTagsSet: RunTagsSet = {
  meta: sampleMeta({ sequence: 15, service: 'tracker', subject: run }),
  runId: RUN,
  tags: [{ key: 'candidate', value: 'true' }],
  deletedKeys: ['draft'],
};

export const runInputsLogged: RunInputsLogged = {
  meta: sampleMeta({
    sequence: 16,
    service: 'tracker',
    subject: run,
    used: [provRef.dataset('fraud_training', TRAINING, 'training')],
  }),
  runId: RUN,
  datasets: [
    {
      name: 'fraud_training',
      digest: TRAINING,
      sourceType: 'provenant',
      source: '{"uri":"provenant://datasets/fraud_training@' + TRAINING + '"}',
      schema: null,
      profile: '{"num_rows":100000}',
      context: 'training',
      tags: [{ key: 'mlflow.data.context', value: 'training' }],
    },
  ],
};

export const artifactLogged: ArtifactLogged = {
  meta: sampleMeta({
    sequence: 17,
    service: 'tracker',
    subject: run,
    generated: [provRef.artifact(digest('model.bin'))],
  }),
  runId: RUN,
  path: 'model/model.bin',
  digest: digest('model.bin'),
  sizeBytes: 48_213,
  contentType: 'application/octet-stream',
};

export const runCompleted: RunCompleted = {
  meta: sampleMeta({
    sequence: 18,
    service: 'tracker',
    subject: run,
    used: [provRef.dataset('fraud_training', TRAINING, 'training'), provRef.commit(COMMIT), provRef.env(ENV)],
    generated: [provRef.artifact(digest('model.bin'))],
  }),
  runId: RUN,
  experimentId: '7',
  status: 'FINISHED',
  startTime: T0,
  endTime: T0 + 61_000_250,
  params: { learning_rate: '0.1', max_depth: '6' },
  metrics: { auc: 0.9132, loss: 0.25 },
  artifacts: [{ path: 'model/model.bin', digest: digest('model.bin'), sizeBytes: 48_213 }],
  codeCommit: COMMIT,
  environmentFingerprint: ENV,
};
