import type { LeafProof } from '../audit/proof-bundle';
import type { AnnexIvItem } from './annex-iv';

/** The leaf a claim rests on; its proof is `proofs[leafIndex]`. */
export interface Claim {
  leafIndex: number;
  eventId: string;
  eventType: string;
}

/** The reproducibility report of one model version, built from the ledger's events alone. */
export interface ModelReport {
  model: {
    name: string;
    version: number;
    source: string | null;
    artifactDigest: string | null;
    registeredBy: string | null;
    claim: Claim | null;
  };
  generatedAt: string;
  checkpoint: { treeSize: number; rootHash: string; note: string };
  data: {
    name: string;
    digest: string;
    context: string | null;
    trainingSetId: string | null;
    featureViews: string[];
    datasetVersion: number | null;
    claims: Claim[];
  }[];
  code: {
    commit: string;
    repoUrl: string | null;
    branch: string | null;
    dirty: boolean | null;
    claim: Claim;
  } | null;
  environment: {
    fingerprint: string;
    os: string | null;
    arch: string | null;
    runtimes: Record<string, string>;
    claims: Claim[];
    production: {
      verdict: string;
      reference: string;
      referenceFingerprint: string | null;
      differences: {
        component: string;
        path: string;
        expected: string | null;
        actual: string | null;
        severity: string;
      }[];
      claim: Claim;
    } | null;
  } | null;
  training: {
    runId: string;
    status: string | null;
    params: Record<string, string> | null;
    metrics: Record<string, number> | null;
    claims: Claim[];
  } | null;
  promotions: {
    promotionId: string;
    target: string;
    decision: string;
    decidedAt: string;
    decidedBy: string;
    approvals: { principal: string; role: string; approvedAt: string; comment: string | null }[];
    gates: { name: string; passed: boolean; detail: string }[];
    claim: Claim;
  }[];
  modelCard: { revision: number; cardSchema: string; cardDigest: string; card: unknown; claim: Claim } | null;
  annexIV: AnnexIvItem[];
  /** What the chain should hold and the ledger does not record. */
  missing: string[];
  /** Inclusion proof of every claimed leaf against `checkpoint`; null when appended after it. */
  proofs: Record<string, LeafProof | null>;
}
