import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actorOf } from '@provenant/events';
import { provRef, subject } from '@provenant/contracts';
import type { Principal } from '@provenant/platform';
import { canonicalJson, sha256Of } from '../canonical-json';
import { RunLineageEntity } from '../lineage/lineage.entities';
import { ModelEvents } from '../model-events';
import { ModelRegistryStore } from '../model-registry.store';
import { buildModelCard } from './build-model-card';
import { ModelCardEntity } from './model-card.entity';
import { CARD_SCHEMA, type CardSections } from './model-card.schema';

/**
 * Publishes the next revision of a version's card: the edited sections on top of the previous
 * revision's, lineage refreshed, stored and announced (ModelCardPublished) in one transaction.
 */
@Injectable()
export class PublishModelCardUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ModelRegistryStore,
    private readonly events: ModelEvents,
  ) {}

  execute(
    name: string,
    version: number,
    edits: CardSections,
    principal: Principal,
  ): Promise<ModelCardEntity> {
    return this.dataSource.transaction(async (manager) => {
      await this.store.model(manager, name, true);
      const v = await this.store.version(manager, name, version);
      const repo = manager.getRepository(ModelCardEntity);
      const previous = await repo.findOne({ where: { name, version }, order: { revision: 'DESC' } });
      const sections = { ...(previous?.sections ?? {}), ...edits };
      const run = v.runId
        ? await manager.getRepository(RunLineageEntity).findOneBy({ runId: v.runId })
        : null;
      const card = buildModelCard(v, run, sections);
      const text = canonicalJson(card);
      const row = repo.create({
        name,
        version,
        revision: (previous?.revision ?? 0) + 1,
        sections,
        card,
        digest: sha256Of(text),
        publishedBy: principal.id,
        publishedAt: new Date(),
      });
      await repo.insert(row);
      await this.events.publish(manager, 'ModelCardPublished', {
        meta: this.events.metas.create({
          subject: subject('model', name),
          actor: actorOf(principal),
          used: [
            provRef.modelVersion(name, version, v.artifactDigest ?? undefined),
            ...(v.runId ? [provRef.run(v.runId, 'evidence')] : []),
          ],
          generated: [provRef.modelCard(name, version, row.revision, row.digest)],
        }),
        name,
        version,
        revision: row.revision,
        cardSchema: CARD_SCHEMA,
        card: text,
        cardDigest: row.digest,
      });
      return row;
    });
  }
}
