import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { provRef, subject, type Actor, type ReproducibilityChecked } from '@provenant/contracts';
import { EventMetaFactory, Outbox } from '@provenant/events';
import { SERVICE_IDENTITY, type ServiceIdentity } from '@provenant/platform';
import { compareRuns } from './compare-runs';
import { provenanceStatement } from './provenance-statement';
import { ReproducibilityStore, type StoredCheck } from './reproducibility.store';
import type { CheckRequest } from './run-description';

/** Judges whether the candidate run reproduced the baseline, records it and publishes ReproducibilityChecked. */
@Injectable()
export class CheckReproducibilityUseCase {
  private readonly metas: EventMetaFactory;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly store: ReproducibilityStore,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.metas = new EventMetaFactory(identity);
  }

  async execute(request: CheckRequest, actor?: Actor): Promise<StoredCheck> {
    const { baseline, candidate } = request;
    const { verdict, differences } = compareRuns(baseline, candidate, request.tolerance);
    // A statement needs at least one subject: a run without outputs gets none.
    const provenance =
      request.provenance && candidate.outputs.length > 0 ? provenanceStatement(candidate) : null;
    const check: StoredCheck = {
      checkId: uuidv7(),
      verdict,
      differences,
      request,
      statement: provenance?.statement ?? null,
      provenanceDigest: provenance?.digest ?? null,
    };
    const event: ReproducibilityChecked = {
      meta: this.metas.create({
        subject: subject('run', candidate.runId),
        actor,
        used: [provRef.run(baseline.runId, 'baseline'), provRef.run(candidate.runId, 'candidate')],
        generated: [
          provRef.check(check.checkId),
          ...(provenance ? [provRef.attestation(provenance.digest)] : []),
        ],
      }),
      checkId: check.checkId,
      baselineRunId: baseline.runId,
      candidateRunId: candidate.runId,
      verdict,
      differences,
      baselineEnvironment: baseline.environment ?? null,
      candidateEnvironment: candidate.environment ?? null,
      provenanceDigest: check.provenanceDigest,
    };
    await this.dataSource.transaction(async (m) => {
      await this.store.insert(m, check);
      await this.outbox.publish(m, 'ReproducibilityChecked', event);
    });
    return check;
  }
}
