import { Module } from '@nestjs/common';
import { AliasMover } from './alias-mover';
import { CreateModelCards1764400000004 } from './cards/1764400000004-create-model-cards.migration';
import { ModelCardEntity } from './cards/model-card.entity';
import { ModelCardsHttpController } from './cards/model-cards.http.controller';
import { PublishModelCardUseCase } from './cards/publish-model-card.usecase';
import { CreateModelVersionUseCase } from './create-model-version.usecase';
import { CreateRegisteredModelUseCase } from './create-registered-model.usecase';
import { CreateModelRegistry1764400000000 } from './1764400000000-create-model-registry.migration';
import { AddModelVersionGitTag1764400000006 } from './1764400000006-add-model-version-git-tag.migration';
import { LineageModule } from './lineage/lineage.module';
import { ModelAliasesHttpController } from './model-aliases.http.controller';
import { ModelEditsUseCase } from './model-edits.usecase';
import { ModelEvents } from './model-events';
import { ModelReadsQuery } from './model-reads.query';
import { ModelRegistryStore } from './model-registry.store';
import { ModelVersionsHttpController } from './model-versions.http.controller';
import { ModelAliasEntity, ModelVersionEntity, RegisteredModelEntity } from './model.entities';
import { RegisteredModelsHttpController } from './registered-models.http.controller';
import { SearchRegistryQuery } from './search-registry.query';

/** The model registry: registered models, versions, tags and aliases, MLflow REST 2.0 compatible. */
@Module({
  imports: [LineageModule],
  controllers: [
    RegisteredModelsHttpController,
    ModelAliasesHttpController,
    ModelVersionsHttpController,
    ModelCardsHttpController,
  ],
  providers: [
    ModelEvents,
    ModelRegistryStore,
    AliasMover,
    CreateRegisteredModelUseCase,
    CreateModelVersionUseCase,
    ModelEditsUseCase,
    ModelReadsQuery,
    SearchRegistryQuery,
    PublishModelCardUseCase,
  ],
  exports: [ModelEvents, ModelRegistryStore, AliasMover, ModelReadsQuery],
})
export class ModelsModule {
  static readonly entities = [
    RegisteredModelEntity,
    ModelVersionEntity,
    ModelAliasEntity,
    ModelCardEntity,
    ...LineageModule.entities,
  ];
  static readonly migrations = [
    CreateModelRegistry1764400000000,
    ...LineageModule.migrations,
    CreateModelCards1764400000004,
    AddModelVersionGitTag1764400000006,
  ];
}
