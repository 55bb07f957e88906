import type { TokenEntry } from './token-store';

/**
 * The development token set, used only when NODE_ENV is not `production` and no tokens are
 * configured. The plaintext tokens are public on purpose (docs/security.md): `dev-<role>-token`.
 * Hashes only, like any other token configuration.
 */
export const DEV_TOKENS: TokenEntry[] = [
  {
    sha256: 'e02b6dfb2b4ad75c9598c9a75eccaacc32fe6c8c83305982da21e07825c5cccd',
    principal: 'dev-pipeline',
    roles: ['pipeline'],
  }, // dev-pipeline-token
  {
    sha256: 'afbf2bbe463e564ecfd5785e7973cad6fab1bbe0245944616ee8ff320841a406',
    principal: 'dev-scientist',
    roles: ['scientist'],
  }, // dev-scientist-token
  {
    sha256: 'b8d0a7b86ccb43ce68b6b84de70688562aadb4cf6e0d21ac401f5a2b7b7defd1',
    principal: 'dev-approver',
    roles: ['approver', 'scientist'],
  }, // dev-approver-token
  {
    sha256: '98cf681f2a5cde03b61e87f21f50956519de249c09b0b0c5af316ce8ddd861a7',
    principal: 'dev-auditor',
    roles: ['auditor'],
  }, // dev-auditor-token
  {
    sha256: '1734d503f6aa6a047c36d113cbad769f719c93784b469b771c4c3e7c63adbefd',
    principal: 'dev-admin',
    roles: ['admin'],
  }, // dev-admin-token
];
