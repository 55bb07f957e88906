import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ModelRegistryStore } from './model-registry.store';
import { modelVersionJson, registeredModelJson } from './model.view';
import { parseStage } from './stages';
import { MlflowError } from '@provenant/platform';

/** Reads of one model or version, in MLflow's shapes. */
@Injectable()
export class ModelReadsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ModelRegistryStore,
  ) {}

  async model(name: string) {
    const m = this.dataSource.manager;
    const model = await this.store.model(m, name);
    return registeredModelJson(model, await this.store.versions(m, name), await this.store.aliases(m, name));
  }

  async version(name: string, version: number) {
    const m = this.dataSource.manager;
    const v = await this.store.version(m, name, version);
    return modelVersionJson(v, await this.store.aliases(m, name));
  }

  async latestVersions(name: string, stages: string[]) {
    const wanted = stages.map(parseStage);
    const latest = (await this.model(name)).latest_versions;
    return {
      model_versions: latest.filter(
        (v) => v.status === 'READY' && (wanted.length === 0 || wanted.includes(parseStage(v.current_stage))),
      ),
    };
  }

  async byAlias(name: string, alias: string) {
    const m = this.dataSource.manager;
    await this.store.model(m, name);
    const found = await this.store.alias(m, name, alias);
    if (!found) throw MlflowError.invalid(`Registered model alias ${alias} not found.`);
    return this.version(name, found.version);
  }
}
