import { createHash } from 'node:crypto';
import { MlflowError } from '@provenant/platform';

/**
 * Keyset page tokens: the sort values of the last row served, plus a digest of the query they
 * belong to. Unlike MLflow's offset tokens, a page never skips or repeats a run while other runs
 * are being created or deleted.
 */
export class PageToken {
  static queryDigest(query: unknown): string {
    return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);
  }

  static encode(query: string, values: (string | null)[]): string {
    return Buffer.from(JSON.stringify({ q: query, v: values })).toString('base64url');
  }

  static decode(token: string | undefined, query: string, arity: number): (string | null)[] | undefined {
    if (!token) return undefined;
    let parsed: { q?: unknown; v?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    } catch {
      throw MlflowError.invalid(`Invalid page token '${token}'.`);
    }
    const v = parsed.v;
    if (
      parsed.q !== query ||
      !Array.isArray(v) ||
      v.length !== arity ||
      v.some((x) => x !== null && typeof x !== 'string')
    )
      throw MlflowError.invalid(
        'Invalid page token: it belongs to a different search (filter, order_by or experiments changed).',
      );
    return v as (string | null)[];
  }
}
