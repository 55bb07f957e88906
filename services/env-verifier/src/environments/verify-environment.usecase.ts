import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '@provenant/contracts';
import { EventMetaFactory, Outbox } from '@provenant/events';
import {
  DEFAULT_POLICY,
  diffManifests,
  verifyDifferences,
  type EnvironmentManifest,
} from '@provenant/env-capture';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@provenant/platform';
import { EnvironmentReferenceResolver, validPolicy, type ReferenceSpec } from './environment-reference';
import { environmentVerified } from './environment-events';
import { EnvironmentStore, type NewVerification } from './environment.store';
import { RecordEnvironmentUseCase, validManifest } from './record-environment.usecase';

export interface VerifyEnvironmentCommand {
  /** A recorded environment, or a manifest to record and verify in one step. */
  fingerprint?: string;
  manifest?: unknown;
  label?: string;
  runId?: string;
  reference: ReferenceSpec;
  /** Overrides the target's policy for this verification. */
  policy?: unknown;
  actor?: Actor;
}

/** Compares an environment with its reference under a policy, records the verdict and publishes EnvironmentVerified. */
@Injectable()
export class VerifyEnvironmentUseCase {
  private readonly metas: EventMetaFactory;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly store: EnvironmentStore,
    private readonly references: EnvironmentReferenceResolver,
    private readonly recorder: RecordEnvironmentUseCase,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.metas = new EventMetaFactory(identity);
  }

  async execute(command: VerifyEnvironmentCommand): Promise<NewVerification> {
    // Everything that can be refused is checked before the transaction writes anything.
    const manifest = command.manifest === undefined ? null : validManifest(command.manifest, command.label);
    const override = command.policy === undefined ? null : validPolicy(command.policy);
    return this.dataSource.transaction(async (m) => {
      const subject = manifest ?? (await this.recorded(m, command.fingerprint!));
      const reference = await this.references.resolve(m, command.reference);
      if (manifest) await this.recorder.record(m, manifest, { runId: command.runId, actor: command.actor });
      const policy = override ?? reference.policy ?? DEFAULT_POLICY;
      const referenceManifest = reference.capture.manifest;
      const verification: NewVerification = {
        verificationId: uuidv7(),
        fingerprint: subject.fingerprint,
        reference: { kind: reference.kind, id: reference.id, fingerprint: referenceManifest.fingerprint },
        policy,
        ...verifyDifferences(
          subject.fingerprint === referenceManifest.fingerprint,
          diffManifests(referenceManifest, subject),
          policy,
        ),
      };
      await this.store.insertVerification(m, verification);
      await this.outbox.publish(
        m,
        'EnvironmentVerified',
        environmentVerified(this.metas, command.actor, verification),
      );
      return verification;
    });
  }

  private async recorded(m: EntityManager, fingerprint: string): Promise<EnvironmentManifest> {
    const capture = await this.store.latestCapture(m, 'fingerprint', fingerprint);
    if (!capture)
      throw new NotFoundException({
        message: `fingerprint: unknown environment ${fingerprint}`,
        field: 'fingerprint',
      });
    return capture.manifest;
  }
}
