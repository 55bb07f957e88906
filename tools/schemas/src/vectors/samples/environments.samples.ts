import { provRef, subject } from '@provenant/contracts';
import type { EnvironmentCaptured, EnvironmentVerified, ReproducibilityChecked } from '@provenant/contracts';
import { digest, sampleMeta } from './sample-meta';

const ENV = digest('env dev');
const PROD = digest('env production');

export const environmentCaptured: EnvironmentCaptured = {
  meta: sampleMeta({
    sequence: 26,
    service: 'env-verifier',
    subject: subject('env', ENV),
    used: [provRef.commit('3f9a1c0b7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f01')],
    generated: [provRef.env(ENV)],
  }),
  captureId: 'c-0101',
  fingerprint: ENV,
  label: 'dev',
  os: 'Debian GNU/Linux 12',
  kernel: '6.1.0-27-amd64',
  arch: 'x64',
  runtimes: { node: '20.19.0', python: '3.11.7' },
  components: [
    { name: 'lockfile:package-lock.json', digest: digest('package-lock'), summary: '412 packages' },
    { name: 'os', digest: digest('os'), summary: null },
  ],
  gitCommit: '3f9a1c0b7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f01',
  imageDigest: null,
};

export const environmentVerified: EnvironmentVerified = {
  meta: sampleMeta({
    sequence: 27,
    service: 'env-verifier',
    subject: subject('env', ENV),
    used: [provRef.env(ENV), provRef.env(PROD, 'reference')],
    generated: [provRef.check('v-0031')],
  }),
  verificationId: 'v-0031',
  fingerprint: ENV,
  reference: { kind: 'TARGET', id: 'production', fingerprint: PROD },
  verdict: 'COMPATIBLE',
  differences: [
    {
      component: 'os',
      path: 'kernel',
      expected: '6.1.0-26-amd64',
      actual: '6.1.0-27-amd64',
      severity: 'TOLERATED',
    },
  ],
  policyDigest: digest('policy production'),
  differenceCount: 1,
};

export const reproducibilityChecked: ReproducibilityChecked = {
  meta: sampleMeta({
    sequence: 28,
    service: 'env-verifier',
    subject: subject('run', '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b'),
    used: [
      provRef.run('5f1c0d2e9a7b4c3d8e6f1a2b3c4d5e6f', 'baseline'),
      provRef.run('9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b', 'candidate'),
    ],
    generated: [provRef.check('r-0002'), provRef.attestation(digest('in-toto r-0002'))],
  }),
  checkId: 'r-0002',
  baselineRunId: '5f1c0d2e9a7b4c3d8e6f1a2b3c4d5e6f',
  candidateRunId: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
  verdict: 'REPRODUCED',
  differences: [
    {
      category: 'METRIC',
      key: 'auc',
      baseline: '0.9132',
      candidate: '0.91320004',
      delta: 4e-8,
      tolerance: 1e-6,
      withinTolerance: true,
    },
  ],
  baselineEnvironment: ENV,
  candidateEnvironment: digest('env container'),
  provenanceDigest: digest('in-toto r-0002'),
};
