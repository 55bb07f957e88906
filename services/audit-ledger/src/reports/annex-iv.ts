import type { ModelReport } from './model-report';

export type Coverage = 'covered' | 'partial' | 'not covered';

export interface AnnexIvItem {
  item: string;
  title: string;
  coverage: Coverage;
  /** Which report sections carry the evidence, or what is missing. */
  evidence: string;
}

/**
 * Which EU AI Act Annex IV items (Reg. 2024/1689; reference notes §5.1) this report's ledger
 * evidence speaks to. The ledger attests facts; items that need documents it does not hold
 * (risk management, standards, declaration of conformity) are never claimed as covered.
 */
export function annexIvCoverage(r: Omit<ModelReport, 'annexIV' | 'proofs'>): AnnexIvItem[] {
  const card = r.modelCard !== null;
  const data = r.data.length > 0 && r.data.every((d) => d.digest);
  const approvals = r.promotions.some((p) => p.approvals.length > 0);
  const item = (item: string, title: string, coverage: Coverage, evidence: string): AnnexIvItem => ({
    item,
    title,
    coverage,
    evidence,
  });
  return [
    item(
      '1',
      'General description: version, relation to earlier versions, intended purpose',
      'partial',
      `model registration${card ? ' and model card' : '; no model card published'}`,
    ),
    item(
      '2(a)',
      'Development methods and steps, third-party tools',
      r.training && r.environment ? 'partial' : 'not covered',
      'training run (params), environment runtimes',
    ),
    item(
      '2(b)',
      'Design choices, parameters and their relevance',
      r.training ? 'partial' : 'not covered',
      'run params; rationale is not in the ledger',
    ),
    item(
      '2(c)',
      'Architecture and compute used to develop, train, test',
      r.environment ? 'covered' : 'not covered',
      r.environment ? `environment ${r.environment.fingerprint}` : 'no environment fingerprint recorded',
    ),
    item(
      '2(d)',
      'Data requirements: datasets, provenance, selection',
      data ? 'covered' : 'not covered',
      data
        ? `${r.data.length} dataset version(s) by digest, with training-set and feature-view lineage`
        : 'no training data recorded',
    ),
    item(
      '2(e)',
      'Human oversight assessment',
      approvals ? 'partial' : 'not covered',
      approvals ? 'named approvers of promotions' : 'no approvals recorded',
    ),
    item(
      '2(g)',
      'Validation and testing: metrics, dated and signed test logs',
      r.training?.metrics ? 'covered' : 'not covered',
      'run metrics, each dated and in the signed log',
    ),
    item(
      '3',
      'Monitoring, functioning and control: capabilities and limitations',
      card ? 'partial' : 'not covered',
      card ? 'model card' : 'no model card published',
    ),
    item(
      '4',
      'Appropriateness of the performance metrics',
      card ? 'partial' : 'not covered',
      card ? 'model card' : 'no model card',
    ),
    item('5', 'Risk management system (Art. 9)', 'not covered', 'outside the ledger'),
    item(
      '6',
      'Relevant changes over the lifecycle',
      'covered',
      'promotions and the audit trail in the append-only log',
    ),
    item('7', 'Harmonised standards applied', 'not covered', 'outside the ledger'),
    item('8', 'EU declaration of conformity', 'not covered', 'outside the ledger'),
    item(
      '9',
      'Post-market monitoring (Art. 72)',
      'not covered',
      'prediction lineage exists; no monitoring plan recorded',
    ),
  ];
}
