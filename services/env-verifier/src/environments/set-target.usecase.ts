import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_POLICY } from '@provenant/env-capture';
import { validPolicy } from './environment-reference';
import { EnvironmentStore, type StoredTarget } from './environment.store';

export interface SetTargetCommand {
  name: string;
  /** Pin the target to a recorded environment; null follows the latest capture labelled with the target's name. */
  fingerprint?: string | null;
  policy?: unknown;
}

/** Names a target's reference environment and the policy verifications against it use. */
@Injectable()
export class SetTargetUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EnvironmentStore,
  ) {}

  async execute(command: SetTargetCommand): Promise<StoredTarget & { effectivePolicy: unknown }> {
    const policy =
      command.policy === undefined || command.policy === null ? null : validPolicy(command.policy);
    return this.dataSource.transaction(async (m) => {
      const fingerprint = command.fingerprint ?? null;
      if (fingerprint && !(await this.store.latestCapture(m, 'fingerprint', fingerprint)))
        throw new UnprocessableEntityException({
          message: `fingerprint: unknown environment ${fingerprint}`,
          field: 'fingerprint',
        });
      const target = { name: command.name, fingerprint, policy };
      await this.store.upsertTarget(m, target);
      return { ...target, effectivePolicy: policy ?? DEFAULT_POLICY };
    });
  }
}
