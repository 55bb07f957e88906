import { provRef, subject } from '@provenant/contracts';
import type {
  ModelCardPublished,
  ModelDeployed,
  ModelVersionPromoted,
  ModelVersionRegistered,
  PromotionDecided,
  PromotionRequested,
  RegisteredModelCreated,
} from '@provenant/contracts';
import { digest, sampleMeta, T0 } from './sample-meta';

const model = subject('model', 'fraud-detector');
const RUN = '5f1c0d2e9a7b4c3d8e6f1a2b3c4d5e6f';
const CARD =
  '{"model_details":{"name":"fraud-detector","version":"3"},"quantitative_analysis":{"auc":0.9132}}';

export const registeredModelCreated: RegisteredModelCreated = {
  meta: sampleMeta({
    sequence: 19,
    service: 'registry',
    subject: model,
    generated: [provRef.model('fraud-detector')],
  }),
  name: 'fraud-detector',
  description: 'Scores card transactions for fraud.',
  tags: { team: 'risk' },
};

export const modelVersionRegistered: ModelVersionRegistered = {
  meta: sampleMeta({
    sequence: 20,
    service: 'registry',
    subject: model,
    used: [provRef.run(RUN, 'training'), provRef.artifact(digest('model.bin'), 'model')],
    generated: [provRef.modelVersion('fraud-detector', 3, digest('model.bin'))],
  }),
  name: 'fraud-detector',
  version: 3,
  source: `runs:/${RUN}/model`,
  runId: RUN,
  artifactDigest: digest('model.bin'),
  signature: {
    inputs: '[{"name":"conv_rate","type":"double"}]',
    outputs: '[{"name":"score","type":"double"}]',
    params: null,
  },
  status: 'READY',
  description: null,
  tags: {},
  gitTag: 'model/fraud-detector/v3',
};

export const modelCardPublished: ModelCardPublished = {
  meta: sampleMeta({
    sequence: 21,
    service: 'registry',
    subject: model,
    used: [provRef.modelVersion('fraud-detector', 3)],
    generated: [provRef.modelCard('fraud-detector', 3, 1, digest(CARD))],
  }),
  name: 'fraud-detector',
  version: 3,
  revision: 1,
  cardSchema: 'provenant.model-card/v1',
  card: CARD,
  cardDigest: digest(CARD),
};

export const promotionRequested: PromotionRequested = {
  meta: sampleMeta({
    sequence: 22,
    service: 'registry',
    subject: model,
    principal: 'ci-pipeline',
    roles: ['pipeline'],
    used: [provRef.modelVersion('fraud-detector', 3)],
    generated: [provRef.promotion('p-0011')],
  }),
  promotionId: 'p-0011',
  name: 'fraud-detector',
  version: 3,
  target: 'production',
  stage: 'Production',
  reason: 'AUC +0.012 over champion',
};

export const promotionDecided: PromotionDecided = {
  meta: sampleMeta({
    sequence: 23,
    service: 'registry',
    subject: model,
    principal: 'bob',
    roles: ['approver'],
    causedBy: 22,
    used: [provRef.promotion('p-0011'), provRef.check('v-0031')],
  }),
  promotionId: 'p-0011',
  name: 'fraud-detector',
  version: 3,
  target: 'production',
  decision: 'APPROVED',
  gates: [
    {
      name: 'metrics.auc',
      kind: 'METRIC_THRESHOLD',
      passed: true,
      detail: 'auc 0.9132 >= 0.9',
      observed: '0.9132',
      expected: '>= 0.9',
    },
    {
      name: 'env.production',
      kind: 'ENVIRONMENT_VERDICT',
      passed: true,
      detail: 'COMPATIBLE with production',
      observed: 'COMPATIBLE',
      expected: 'IDENTICAL or COMPATIBLE',
    },
    {
      name: 'approvals',
      kind: 'APPROVAL',
      passed: true,
      detail: '1 of 1 approvals',
      observed: '1',
      expected: '1',
    },
  ],
  approvals: [{ principal: 'bob', role: 'approver', approvedAt: T0 + 5_000_000, comment: 'LGTM' }],
  policyDigest: digest('policy fraud-detector'),
};

export const modelVersionPromoted: ModelVersionPromoted = {
  meta: sampleMeta({
    sequence: 24,
    service: 'registry',
    subject: model,
    principal: 'bob',
    roles: ['approver'],
    causedBy: 23,
    used: [provRef.modelVersion('fraud-detector', 3)],
  }),
  name: 'fraud-detector',
  version: 3,
  alias: 'production',
  previousVersion: 2,
  promotionId: 'p-0011',
  stage: 'Production',
};

export const modelDeployed: ModelDeployed = {
  meta: sampleMeta({
    sequence: 25,
    service: 'registry',
    subject: model,
    principal: 'ci-pipeline',
    roles: ['pipeline'],
    used: [provRef.modelVersion('fraud-detector', 3), provRef.env(digest('env production'))],
    generated: [provRef.deployment('d-0005')],
  }),
  deploymentId: 'd-0005',
  name: 'fraud-detector',
  version: 3,
  environment: 'production',
  endpoint: 'https://scoring.example.com/fraud',
  imageDigest: digest('image fraud-scorer'),
  environmentFingerprint: digest('env production'),
  trigger: 'https://ci.example.com/risk/fraud/runs/812',
};
