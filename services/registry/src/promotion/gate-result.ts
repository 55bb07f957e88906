import type { GateResult, PromotionDecision } from '@provenant/contracts';

/** APPROVED when every gate passes; AWAITING_APPROVAL when only approvals are missing. */
export function decide(gates: GateResult[]): PromotionDecision {
  const failed = gates.filter((g) => !g.passed);
  if (failed.length === 0) return 'APPROVED';
  return failed.every((g) => g.kind === 'APPROVAL') ? 'AWAITING_APPROVAL' : 'REJECTED';
}

export function gate(
  name: string,
  kind: GateResult['kind'],
  passed: boolean,
  detail: string,
  observed: string | null,
  expected: string | null,
): GateResult {
  return { name, kind, passed, detail, observed, expected };
}
