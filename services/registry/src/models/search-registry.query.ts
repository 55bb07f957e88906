import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { decodePageToken, encodePageToken } from './mlflow-request';
import { ModelAliasEntity, ModelVersionEntity, RegisteredModelEntity } from './model.entities';
import { modelVersionJson, registeredModelJson } from './model.view';
import { registryFilter } from './registry-filter';
import { MlflowError } from '@provenant/platform';

export interface SearchRequest {
  filter?: string;
  maxResults: number;
  orderBy: string[];
  pageToken?: string;
}

const ORDER_COLUMNS: Record<string, string> = {
  name: 'name',
  last_updated_timestamp: 'updated_at',
  creation_timestamp: 'created_at',
  version_number: 'version',
};

function orderClause(orderBy: string[], fallback: string): string {
  const parts = orderBy.map((o) => {
    const m = /^\s*(\w+)\s*(ASC|DESC)?\s*$/i.exec(o);
    if (!m || !ORDER_COLUMNS[m[1]]) throw MlflowError.invalid(`Invalid order_by clause '${o}'.`);
    return `${ORDER_COLUMNS[m[1]]} ${(m[2] ?? 'ASC').toUpperCase()}`;
  });
  return [...parts, fallback].join(', ');
}

/** `registered-models/search` and `model-versions/search`, offset-paged like MLflow. */
@Injectable()
export class SearchRegistryQuery {
  constructor(private readonly dataSource: DataSource) {}

  async models(req: SearchRequest) {
    const params: unknown[] = [];
    const where = registryFilter(req.filter, ['name'], params);
    const rows = await this.page(
      RegisteredModelEntity,
      where,
      orderClause(req.orderBy, 'name ASC'),
      params,
      req,
    );
    const names = rows.items.map((m) => m.name);
    const [versions, aliases] = await Promise.all([
      this.dataSource.getRepository(ModelVersionEntity).findBy({ name: In(names) }),
      this.dataSource.getRepository(ModelAliasEntity).findBy({ name: In(names) }),
    ]);
    return {
      registered_models: rows.items.map((m) =>
        registeredModelJson(
          m,
          versions.filter((v) => v.name === m.name),
          aliases.filter((a) => a.name === m.name),
        ),
      ),
      next_page_token: rows.next,
    };
  }

  async versions(req: SearchRequest) {
    const params: unknown[] = [];
    const where = registryFilter(req.filter, ['name', 'run_id', 'source_path', 'version_number'], params);
    const order = orderClause(req.orderBy, 'updated_at DESC, name ASC, version DESC');
    const rows = await this.page(ModelVersionEntity, where, order, params, req);
    const aliases = await this.dataSource
      .getRepository(ModelAliasEntity)
      .findBy({ name: In([...new Set(rows.items.map((v) => v.name))]) });
    return {
      model_versions: rows.items.map((v) => modelVersionJson(v, aliases)),
      next_page_token: rows.next,
    };
  }

  private async page<T extends object>(
    entity: new () => T,
    where: string,
    order: string,
    params: unknown[],
    req: SearchRequest,
  ): Promise<{ items: T[]; next: string | undefined }> {
    const offset = decodePageToken(req.pageToken);
    const meta = this.dataSource.getMetadata(entity);
    const table = `"${meta.schema ?? 'public'}"."${meta.tableName}"`;
    const raw = (await this.dataSource.query(
      `SELECT * FROM ${table} WHERE ${where} ORDER BY ${order} LIMIT ${req.maxResults + 1} OFFSET ${offset}`,
      params,
    )) as Record<string, unknown>[];
    const items = raw
      .slice(0, req.maxResults)
      .map((r) => this.dataSource.manager.create(entity, fromRow(meta, r)));
    return {
      items,
      next: raw.length > req.maxResults ? encodePageToken(offset + req.maxResults) : undefined,
    };
  }
}

/** Raw row (column names) → entity fields (property names). */
function fromRow(meta: import('typeorm').EntityMetadata, row: Record<string, unknown>) {
  return Object.fromEntries(meta.columns.map((c) => [c.propertyName, row[c.databaseName]])) as never;
}
