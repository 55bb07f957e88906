import { parse } from 'node:querystring';
import { ValidationPipe } from '@nestjs/common';
import { InclusionQuery } from './ledger-queries.dto';

// createServiceApp's global pipe, so a bad query gets the very messages the Nest route gives.
const validation = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
const FIELDS = new Set(['leafIndex', 'treeSize']);
/** A decimal integer as a client writes one, small enough to be exact in a double. */
const PLAIN_INTEGER = /^(0|[1-9][0-9]{0,14})$/;

/** The query of `GET /ledger/proofs/inclusion` as the Nest route reads it, the common form faster. */
export function readInclusionQuery(query: URLSearchParams): Promise<InclusionQuery> | InclusionQuery {
  return plainInclusionQuery(query) ?? pipedInclusionQuery(query);
}

/**
 * Exactly the Nest route's reading: the DTO through the global pipe's options, the query string
 * parsed as Express 5 does (`query parser: simple`, so a repeated name is an array).
 */
export function pipedInclusionQuery(query: URLSearchParams): Promise<InclusionQuery> {
  return validation.transform(parse(query.toString()), { type: 'query', metatype: InclusionQuery });
}

/**
 * The common query, `leafIndex=<n>[&treeSize=<n>]` in plain digits, read directly: the pipe
 * (class-transformer, then class-validator) took ~0.4 ms a call here, a tenth of a proof. Null
 * for anything else, which the pipe then reads, and alone words the errors.
 */
export function plainInclusionQuery(query: URLSearchParams): InclusionQuery | null {
  const names = [...query.keys()];
  if (
    !names.includes('leafIndex') ||
    names.some((n) => !FIELDS.has(n)) ||
    new Set(names).size !== names.length
  )
    return null;
  const leafIndex = query.get('leafIndex')!;
  const treeSize = query.get('treeSize');
  if (
    !PLAIN_INTEGER.test(leafIndex) ||
    (treeSize !== null && (!PLAIN_INTEGER.test(treeSize) || treeSize === '0'))
  )
    return null;
  return Object.assign(new InclusionQuery(), {
    leafIndex: Number(leafIndex),
    ...(treeSize === null ? {} : { treeSize: Number(treeSize) }),
  });
}
