import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { verificationPolicySchema, type VerificationPolicy } from '@provenant/env-capture';
import { EnvironmentStore, type StoredCapture } from './environment.store';

/** Exactly one of these names the environment to compare against. */
export interface ReferenceSpec {
  target?: string;
  fingerprint?: string;
  runId?: string;
}

export interface ResolvedReference {
  kind: 'TARGET' | 'ENVIRONMENT' | 'RUN';
  id: string;
  capture: StoredCapture;
  /** The target's own policy, when the reference is a target that has one. */
  policy: VerificationPolicy | null;
}

/**
 * A target's environment is the one pinned with PUT /environments/targets/{name}, else the latest
 * capture labelled with the target's name (what `provenant env capture --label production
 * --publish` records from a production host).
 */
@Injectable()
export class EnvironmentReferenceResolver {
  constructor(private readonly store: EnvironmentStore) {}

  async resolve(m: EntityManager, spec: ReferenceSpec): Promise<ResolvedReference> {
    if (spec.target !== undefined) {
      const target = await this.store.target(m, spec.target);
      const capture = target?.fingerprint
        ? await this.store.latestCapture(m, 'fingerprint', target.fingerprint)
        : await this.store.latestCapture(m, 'label', spec.target);
      if (!capture)
        throw notFound(
          'reference.target',
          `no environment recorded for target "${spec.target}": capture one labelled "${spec.target}" or pin one`,
        );
      return { kind: 'TARGET', id: spec.target, capture, policy: target?.policy ?? null };
    }
    if (spec.runId !== undefined) {
      const capture = await this.store.latestCapture(m, 'run_id', spec.runId);
      if (!capture) throw notFound('reference.runId', `no environment recorded for run "${spec.runId}"`);
      return { kind: 'RUN', id: spec.runId, capture, policy: null };
    }
    const capture = await this.store.latestCapture(m, 'fingerprint', spec.fingerprint!);
    if (!capture) throw notFound('reference.fingerprint', `unknown environment ${spec.fingerprint}`);
    return { kind: 'ENVIRONMENT', id: spec.fingerprint!, capture, policy: null };
  }
}

const notFound = (field: string, message: string) =>
  new NotFoundException({ message: `${field}: ${message}`, field });

/** 400 naming the offending field of a policy (e.g. `policy.rules.0.severity`). */
export function validPolicy(input: unknown, field = 'policy'): VerificationPolicy {
  const parsed = verificationPolicySchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [field, ...issue.path].join('.');
  throw new BadRequestException({ message: `${path}: ${issue.message}`, field: path });
}
