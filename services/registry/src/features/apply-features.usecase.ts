import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { actorOf, EventMetaFactory, Outbox } from '@provenant/events';
import { SERVICE_IDENTITY, type Principal, type ServiceIdentity } from '@provenant/platform';
import type { Plan } from './definition.types';
import { definitionEvent } from './definition-events';
import type { FeatureRepoDocument } from './feature-repo.schema';
import { FeatureDefinitionStore } from './feature-definition.store';
import { normalizeRepo } from './normalize-repo';
import { planChanges } from './plan-changes';

export interface ApplyResult extends Plan {
  applyId: string;
  events: { eventType: string; eventId: string; subject: string }[];
}

// One apply at a time: the plan is computed and written under this lock, so two concurrent
// applies can never both version the same view from the same base.
const APPLY_LOCK = 0x70726f76; // "prov"

/** `features apply`: the plan's revisions and their events, in one transaction. */
@Injectable()
export class ApplyFeaturesUseCase {
  private readonly metas: EventMetaFactory;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: FeatureDefinitionStore,
    private readonly outbox: Outbox,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.metas = new EventMetaFactory(identity);
  }

  async execute(repo: FeatureRepoDocument, principal: Principal): Promise<ApplyResult> {
    const normalized = normalizeRepo(repo);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [APPLY_LOCK]);
      const applied = await this.store.latest(manager);
      const plan = planChanges(normalized, repo.delete, applied);
      const applyId = uuidv7();
      const revisions = new Map(applied.map((d) => [`${d.kind}:${d.name}`, d.revision]));
      await this.store.append(manager, plan.changes, revisions, applyId, principal.id);

      const entityVersions = new Map(
        applied.filter((d) => d.kind === 'entity').map((d) => [d.name, d.version]),
      );
      for (const c of plan.changes) if (c.kind === 'entity') entityVersions.set(c.name, c.toVersion);
      const actor = actorOf(principal);
      const events = plan.changes.map((c) => definitionEvent(c, this.metas, actor, applyId, entityVersions));
      await this.outbox.publishAll(manager, events);
      return {
        ...plan,
        applyId,
        events: events.map((e) => ({
          eventType: e.eventType,
          eventId: e.event.meta.eventId,
          subject: `${e.event.meta.subject.kind}:${e.event.meta.subject.id}`,
        })),
      };
    });
  }
}
