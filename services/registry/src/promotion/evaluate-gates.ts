import type { Approval, GateResult } from '@provenant/contracts';
import { gate } from './gate-result';
import type { PromotionPolicy } from './promotion-policy';

/** What the gates look at, all from the registry's own projections. */
export interface PromotionEvidence {
  target: string;
  run: {
    runId: string;
    metrics: Record<string, { value: number }>;
    codeCommit: string | null;
    envFingerprint: string | null;
    datasets: { name: string; digest: string }[];
  } | null;
  runId: string | null;
  envVerification: { verdict: string; verificationId: string } | null;
  approvals: Approval[];
  openViolations: { violationId: string; kind: string }[];
}

const COMPARE = {
  '>=': (a: number, b: number) => a >= b,
  '>': (a: number, b: number) => a > b,
  '<=': (a: number, b: number) => a <= b,
  '<': (a: number, b: number) => a < b,
  '==': (a: number, b: number) => a === b,
};

/** Every gate of the policy, in policy order; a gate without evidence fails and says so. */
export function evaluateGates(policy: PromotionPolicy, e: PromotionEvidence): GateResult[] {
  const gates: GateResult[] = [];
  for (const m of policy.metrics) {
    const observed = e.run?.metrics[m.key]?.value;
    const expected = `${m.op} ${m.threshold}`;
    gates.push(
      observed === undefined
        ? gate(`metrics.${m.key}`, 'METRIC_THRESHOLD', false, noMetric(e, m.key), null, expected)
        : gate(
            `metrics.${m.key}`,
            'METRIC_THRESHOLD',
            COMPARE[m.op](observed, m.threshold),
            `${m.key} = ${observed}, required ${expected}`,
            String(observed),
            expected,
          ),
    );
  }
  if (policy.environment) {
    const target = policy.environment.target ?? e.target;
    const accepted = policy.environment.acceptedVerdicts;
    const fp = e.run?.envFingerprint ?? null;
    const v = e.envVerification;
    gates.push(
      fp === null
        ? gate(
            `environment.${target}`,
            'ENVIRONMENT_VERDICT',
            false,
            "the run's environment is not recorded",
            null,
            accepted.join('|'),
          )
        : v === null
          ? gate(
              `environment.${target}`,
              'ENVIRONMENT_VERDICT',
              false,
              `no env-verifier verdict for ${fp} against target ${target}`,
              null,
              accepted.join('|'),
            )
          : gate(
              `environment.${target}`,
              'ENVIRONMENT_VERDICT',
              accepted.includes(v.verdict as never),
              `env-verifier verdict ${v.verdict} for ${fp} against ${target} (verification ${v.verificationId})`,
              v.verdict,
              accepted.join('|'),
            ),
    );
  }
  if (policy.lineage) {
    const missing = [
      policy.lineage.data && !(e.run && e.run.datasets.length > 0) ? 'data (no dataset inputs)' : null,
      policy.lineage.code && !e.run?.codeCommit ? 'code (no git commit)' : null,
      policy.lineage.environment && !e.run?.envFingerprint ? 'environment (no fingerprint)' : null,
    ].filter((x): x is string => x !== null);
    const detail =
      e.run === null
        ? `run ${e.runId ?? '(none)'} is unknown to the registry`
        : missing.length === 0
          ? 'data, code and environment recorded'
          : `missing: ${missing.join(', ')}`;
    gates.push(
      gate(
        'lineage',
        'LINEAGE_COMPLETENESS',
        e.run !== null && missing.length === 0,
        detail,
        null,
        'complete',
      ),
    );
  }
  if (policy.requiredApprovals > 0) {
    const n = e.approvals.length;
    const who = n > 0 ? ` (${e.approvals.map((a) => a.principal).join(', ')})` : '';
    gates.push(
      gate(
        'approvals',
        'APPROVAL',
        n >= policy.requiredApprovals,
        `${n} of ${policy.requiredApprovals} approvals by role approver${who}`,
        String(n),
        `>= ${policy.requiredApprovals}`,
      ),
    );
  }
  if (policy.ledgerIntegrity) {
    const open = e.openViolations;
    gates.push(
      gate(
        'ledger.integrity',
        'LEDGER_INTEGRITY',
        open.length === 0,
        open.length === 0
          ? 'no open ledger integrity violation'
          : `open violations: ${open.map((v) => `${v.violationId} (${v.kind})`).join(', ')}`,
        String(open.length),
        '0',
      ),
    );
  }
  return gates;
}

function noMetric(e: PromotionEvidence, key: string): string {
  return e.run === null
    ? `run ${e.runId ?? '(none)'} is unknown to the registry`
    : `metric ${key} was not logged by run ${e.run.runId}`;
}
