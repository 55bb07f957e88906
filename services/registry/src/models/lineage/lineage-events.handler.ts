import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type {
  ArtifactLogged,
  EnvironmentVerified,
  LedgerIntegrityViolation,
  RunCompleted,
  RunInputsLogged,
  RunMetricsLogged,
  RunStarted,
} from '@provenant/contracts';
import type { EventContext } from '@provenant/events';
import { GovernanceEvidenceProjection } from './governance-evidence.projection';
import { RunLineageProjection } from './run-lineage.projection';

/** Learns runs, env verdicts and ledger violations from events; effects in the event's transaction. */
@Controller()
export class LineageEventsHandler {
  constructor(
    private readonly runs: RunLineageProjection,
    private readonly evidence: GovernanceEvidenceProjection,
  ) {}

  @EventPattern('RunStarted')
  onRunStarted(@Payload() e: RunStarted, @Ctx() ctx: EventContext) {
    return this.runs.started(ctx.manager, e);
  }

  @EventPattern('RunMetricsLogged')
  onMetrics(@Payload() e: RunMetricsLogged, @Ctx() ctx: EventContext) {
    return this.runs.metricsLogged(ctx.manager, e);
  }

  @EventPattern('RunInputsLogged')
  onInputs(@Payload() e: RunInputsLogged, @Ctx() ctx: EventContext) {
    return this.runs.inputsLogged(ctx.manager, e);
  }

  @EventPattern('ArtifactLogged')
  onArtifact(@Payload() e: ArtifactLogged, @Ctx() ctx: EventContext) {
    return this.runs.artifactLogged(ctx.manager, e);
  }

  @EventPattern('RunCompleted')
  onRunCompleted(@Payload() e: RunCompleted, @Ctx() ctx: EventContext) {
    return this.runs.completed(ctx.manager, e);
  }

  @EventPattern('EnvironmentVerified')
  onVerified(@Payload() e: EnvironmentVerified, @Ctx() ctx: EventContext) {
    return this.evidence.environmentVerified(ctx.manager, e);
  }

  @EventPattern('LedgerIntegrityViolation')
  onViolation(@Payload() e: LedgerIntegrityViolation, @Ctx() ctx: EventContext) {
    return this.evidence.integrityViolated(ctx.manager, e);
  }
}
