import { evaluateGates, type PromotionEvidence } from './evaluate-gates';
import { decide } from './gate-result';
import { defaultPolicy, promotionPolicySchema } from './promotion-policy';

const evidence = (over: Partial<PromotionEvidence> = {}): PromotionEvidence => ({
  target: 'production',
  runId: 'r1',
  run: {
    runId: 'r1',
    metrics: { auc: { value: 0.93 }, loss: { value: 0.2 } },
    codeCommit: 'abc123',
    envFingerprint: 'sha256:ee',
    datasets: [{ name: 'train', digest: 'sha256:dd' }],
  },
  envVerification: { verdict: 'COMPATIBLE', verificationId: 'v1' },
  approvals: [{ principal: 'alice', role: 'approver', approvedAt: 1, comment: null }],
  openViolations: [],
  ...over,
});

describe(evaluateGates.name, () => {
  const policy = promotionPolicySchema.parse({
    metrics: [
      { key: 'auc', op: '>=', threshold: 0.9 },
      { key: 'loss', op: '<', threshold: 0.1 },
    ],
    environment: {},
    lineage: {},
    requiredApprovals: 1,
  });

  it('passes every gate when the evidence satisfies the policy', () => {
    const gates = evaluateGates(
      policy,
      evidence({ run: { ...evidence().run!, metrics: { auc: { value: 0.95 }, loss: { value: 0.05 } } } }),
    );
    expect(gates.map((g) => [g.name, g.passed])).toEqual([
      ['metrics.auc', true],
      ['metrics.loss', true],
      ['environment.production', true],
      ['lineage', true],
      ['approvals', true],
      ['ledger.integrity', true],
    ]);
    expect(decide(gates)).toBe('APPROVED');
  });

  it('names the failing threshold, the drifted environment and the missing lineage', () => {
    const gates = evaluateGates(
      policy,
      evidence({
        run: { ...evidence().run!, codeCommit: null, datasets: [] },
        envVerification: { verdict: 'DRIFTED', verificationId: 'v2' },
      }),
    );
    const failed = Object.fromEntries(gates.filter((g) => !g.passed).map((g) => [g.name, g.detail]));
    expect(failed['metrics.loss']).toBe('loss = 0.2, required < 0.1');
    expect(failed['environment.production']).toContain('DRIFTED');
    expect(failed.lineage).toBe('missing: data (no dataset inputs), code (no git commit)');
    expect(decide(gates)).toBe('REJECTED');
  });

  it('waits for approval when only approvals are missing', () => {
    const gates = evaluateGates(defaultPolicy('production'), evidence({ approvals: [] }));
    expect(gates.find((g) => g.name === 'approvals')).toMatchObject({
      passed: false,
      detail: '0 of 1 approvals by role approver',
    });
    expect(decide(gates)).toBe('AWAITING_APPROVAL');
  });

  it('fails closed on an unknown run and on an open ledger violation', () => {
    const gates = evaluateGates(
      defaultPolicy('production'),
      evidence({
        run: null,
        envVerification: null,
        openViolations: [{ violationId: 'x', kind: 'ROOT_MISMATCH' }],
      }),
    );
    expect(gates.filter((g) => !g.passed).map((g) => g.name)).toEqual([
      'environment.production',
      'lineage',
      'ledger.integrity',
    ]);
    expect(gates.find((g) => g.name === 'ledger.integrity')!.detail).toContain('x (ROOT_MISMATCH)');
  });
});
