import { printTable } from '../../output';

export interface GateAnswer {
  name: string;
  kind: string;
  passed: boolean;
  detail: string;
}

export interface PromotionAnswer {
  promotion_id: string;
  name: string;
  version: number;
  target: string;
  decision: 'APPROVED' | 'REJECTED' | 'AWAITING_APPROVAL';
  gates: GateAnswer[];
  approvals: { principal: string; approvedAt: string; comment: string | null }[];
  requested_by: string;
  requested_at: string;
}

/** One line per gate, passed or failed and why, then the decision and what happens next. */
export function printPromotion(p: PromotionAnswer): void {
  printTable(
    ['gate', 'result', 'why'],
    p.gates.map((g) => [g.name, g.passed ? 'passed' : 'FAILED', g.detail]),
  );
  const next = {
    APPROVED: `${p.target} now points at ${p.name} v${p.version}`,
    REJECTED: `nothing changed; fix the failed gates and promote again`,
    AWAITING_APPROVAL: `waiting for an approver: npx provenant models approve ${p.name} ${p.version} --to ${p.target}`,
  }[p.decision];
  process.stdout.write(`${p.decision} (promotion ${p.promotion_id}): ${next}\n`);
}

/** Exit codes scripts branch on: 0 promoted, 1 rejected, 3 waiting for approval. */
export const exitCodeOf = (p: PromotionAnswer) =>
  p.decision === 'APPROVED' ? 0 : p.decision === 'AWAITING_APPROVAL' ? 3 : 1;
