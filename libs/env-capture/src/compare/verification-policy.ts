import { z } from 'zod';
import { canonicalDigest } from '../canonical-digest';
import type { EnvironmentDifference } from './environment-diff';

export const SEVERITIES = ['BLOCKING', 'TOLERATED', 'INFO'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type EnvironmentVerdict = 'IDENTICAL' | 'COMPATIBLE' | 'DRIFTED';

/**
 * A target's policy: the first rule whose `match` (a glob over `<component>.<path>`, `*` matching
 * anything) fits a difference decides its severity; `when: "patch"` makes a rule apply only when
 * both values share their major.minor version (a kernel or runtime patch release).
 */
export const verificationPolicySchema = z
  .object({
    rules: z
      .array(
        z
          .object({
            match: z.string().min(1),
            severity: z.enum(SEVERITIES),
            when: z.enum(['patch']).optional(),
          })
          .strict(),
      )
      .default([]),
    default: z.enum(SEVERITIES).default('BLOCKING'),
  })
  .strict();

export type VerificationPolicy = z.infer<typeof verificationPolicySchema>;

export const DEFAULT_POLICY: VerificationPolicy = {
  rules: [
    { match: 'os.kernel', severity: 'TOLERATED', when: 'patch' },
    { match: 'runtime.*.version', severity: 'TOLERATED', when: 'patch' },
    { match: 'cpu.model', severity: 'INFO' },
    { match: 'cpu.logicalCpus', severity: 'INFO' },
    { match: 'cpu.flags*', severity: 'TOLERATED' },
    { match: 'env-vars.allowlist*', severity: 'INFO' },
    // The image is judged by its contents (os, runtimes, lockfiles), which are fingerprinted.
    { match: 'container*', severity: 'INFO' },
  ],
  default: 'BLOCKING',
};

export interface ClassifiedDifference extends EnvironmentDifference {
  severity: Severity;
}

export interface Verification {
  verdict: EnvironmentVerdict;
  differences: ClassifiedDifference[];
  policyDigest: string;
}

const ORDER: Record<Severity, number> = { BLOCKING: 0, TOLERATED: 1, INFO: 2 };

/** Verdict under a policy: IDENTICAL on equal fingerprints, DRIFTED on any blocking difference. */
export function verifyDifferences(
  sameFingerprint: boolean,
  differences: EnvironmentDifference[],
  policy: VerificationPolicy = DEFAULT_POLICY,
): Verification {
  const classified = differences
    .map((d) => ({ ...d, severity: severityOf(d, policy) }))
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || key(a).localeCompare(key(b)));
  const verdict: EnvironmentVerdict = sameFingerprint
    ? 'IDENTICAL'
    : classified.some((d) => d.severity === 'BLOCKING')
      ? 'DRIFTED'
      : 'COMPATIBLE';
  return { verdict, differences: classified, policyDigest: canonicalDigest(policy) };
}

const key = (d: EnvironmentDifference) => (d.path ? `${d.component}.${d.path}` : d.component);

function severityOf(difference: EnvironmentDifference, policy: VerificationPolicy): Severity {
  for (const rule of policy.rules) {
    if (!glob(rule.match).test(key(difference))) continue;
    if (rule.when === 'patch' && !samePatchLine(difference.expected, difference.actual)) continue;
    return rule.severity;
  }
  return policy.default;
}

function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** `6.1.0-18-amd64` and `6.1.0-20-amd64`, or `20.19.0` and `20.19.4`: same major.minor. */
function samePatchLine(a: string | null, b: string | null): boolean {
  const line = (v: string | null) =>
    /^(\d+)\.(\d+)/
      .exec(v ?? '')
      ?.slice(1, 3)
      .join('.');
  const left = line(a);
  return left !== undefined && left === line(b);
}
