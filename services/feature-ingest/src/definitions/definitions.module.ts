import { Module } from '@nestjs/common';
import { DefinitionEventsHandler } from './definition-events.handler';
import { DefinitionProjection } from './definition-projection';
import { DefinitionsHttpController } from './definitions.http.controller';
import { CreateDefinitionProjection1764300000001 } from './1764300000001-create-definition-projection.migration';

/** The definitions feature-ingest validates against, learned from the registry's events. */
@Module({
  controllers: [DefinitionEventsHandler, DefinitionsHttpController],
  providers: [DefinitionProjection],
  exports: [DefinitionProjection],
})
export class DefinitionsModule {
  static readonly migrations = [CreateDefinitionProjection1764300000001];
}
