import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '@provenant/contracts';
import { EventMetaFactory, Outbox } from '@provenant/events';
import { ManifestError, parseManifest, type EnvironmentManifest } from '@provenant/env-capture';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@provenant/platform';
import { environmentCaptured } from './environment-events';
import { EnvironmentStore } from './environment.store';

export interface RecordEnvironmentCommand {
  manifest: unknown;
  label?: string;
  runId?: string;
  actor?: Actor;
}

export interface RecordedEnvironment {
  captureId: string;
  fingerprint: string;
  manifest: EnvironmentManifest;
}

/** Accepts a manifest captured elsewhere (CLI, SDK, a container), re-derives its fingerprint, stores it, and says so. */
@Injectable()
export class RecordEnvironmentUseCase {
  private readonly metas: EventMetaFactory;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly store: EnvironmentStore,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.metas = new EventMetaFactory(identity);
  }

  async execute(command: RecordEnvironmentCommand): Promise<RecordedEnvironment> {
    const manifest = validManifest(command.manifest, command.label);
    return this.dataSource.transaction((m) => this.record(m, manifest, command));
  }

  /** Within a caller's transaction (a verification of a freshly captured environment records it first). */
  async record(
    m: EntityManager,
    manifest: EnvironmentManifest,
    command: Omit<RecordEnvironmentCommand, 'manifest'>,
  ): Promise<RecordedEnvironment> {
    const captureId = uuidv7();
    await this.store.insertCapture(m, {
      captureId,
      fingerprint: manifest.fingerprint,
      label: manifest.label,
      runId: command.runId ?? null,
      manifest,
    });
    await this.outbox.publish(
      m,
      'EnvironmentCaptured',
      environmentCaptured(this.metas, command.actor, captureId, manifest),
    );
    return { captureId, fingerprint: manifest.fingerprint, manifest };
  }
}

/** 422 naming the field when a manifest is malformed, tampered with or carries a secret. */
export function validManifest(input: unknown, label?: string, field = 'manifest'): EnvironmentManifest {
  try {
    const manifest = parseManifest(input, field);
    return label === undefined ? manifest : { ...manifest, label };
  } catch (err) {
    if (err instanceof ManifestError)
      throw new UnprocessableEntityException({ message: err.message, field: err.field });
    throw err;
  }
}
