import { Injectable } from '@nestjs/common';
import type { ArtifactDigest } from '@provenant/contracts';
import { TrackerTables, type Sql } from '../persistence/tracker-tables';

export interface ArtifactRow {
  path: string;
  runId: string | null;
  digest: string;
  sizeBytes: number;
  contentType: string | null;
}

export interface ListedFile {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

const likePrefix = (prefix: string) => prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';

/** The artifact index: each path under the artifact root points at a blob by digest. */
@Injectable()
export class ArtifactStore {
  constructor(private readonly t: TrackerTables) {}

  async upsert(sql: Sql, a: ArtifactRow): Promise<void> {
    await sql.query(
      `INSERT INTO ${this.t.artifacts} (path, run_id, digest, size_bytes, content_type, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (path) DO UPDATE SET run_id = EXCLUDED.run_id, digest = EXCLUDED.digest, size_bytes = EXCLUDED.size_bytes,
         content_type = EXCLUDED.content_type, created_at = EXCLUDED.created_at`,
      [a.path, a.runId, a.digest, a.sizeBytes, a.contentType, Date.now()],
    );
  }

  async find(sql: Sql, path: string): Promise<ArtifactRow | undefined> {
    const [row] = await sql.query(
      `SELECT path, run_id AS "runId", digest, size_bytes::float8 AS "sizeBytes", content_type AS "contentType"
       FROM ${this.t.artifacts} WHERE path = $1`,
      [path],
    );
    return row;
  }

  /** The immediate children of a directory: files with their size, subdirectories once each. */
  async list(sql: Sql, dir: string): Promise<ListedFile[]> {
    const prefix = dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
    const rows: { path: string; size: number }[] = await sql.query(
      `SELECT path, size_bytes::float8 AS size FROM ${this.t.artifacts} WHERE path LIKE $1 ORDER BY path`,
      [likePrefix(prefix)],
    );
    const out = new Map<string, ListedFile>();
    for (const { path, size } of rows) {
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) out.set(rest, { path: rest, is_dir: false, file_size: size });
      else if (!out.has(rest.slice(0, slash)))
        out.set(rest.slice(0, slash), { path: rest.slice(0, slash), is_dir: true });
    }
    return [...out.values()];
  }

  /** Every artifact of a run, paths relative to the run's artifact root. */
  async ofRun(sql: Sql, runId: string): Promise<ArtifactDigest[]> {
    const rows: { path: string; digest: string; sizeBytes: number }[] = await sql.query(
      `SELECT path, digest, size_bytes::float8 AS "sizeBytes" FROM ${this.t.artifacts} WHERE run_id = $1 ORDER BY path`,
      [runId],
    );
    return rows.map((r) => ({ ...r, path: r.path.replace(/^\d+\/[0-9a-f]+\/artifacts\//, '') }));
  }
}
