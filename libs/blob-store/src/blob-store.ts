import type { Readable } from 'node:stream';

export interface StoredBlob {
  /** `sha256:<hex>` */
  digest: string;
  sizeBytes: number;
}

export interface PutOptions {
  /**
   * The digest the caller expects (e.g. from a dataset manifest). When the content hashes to
   * something else, put fails with BlobIntegrityError and stores nothing.
   */
  expected?: string;
}

/**
 * Content-addressed, immutable objects keyed by SHA-256 (DESIGN.md §1's shared blob store).
 * Local disk is the default; S3-compatible object storage implements the same three operations.
 */
export abstract class BlobStore {
  /** Stores the stream's bytes under their digest; identical content is stored once. */
  abstract put(content: Readable, options?: PutOptions): Promise<StoredBlob>;
  /** The content, verified against the digest while it streams: a mismatch fails the stream. */
  abstract open(digest: string): Promise<Readable>;
  abstract has(digest: string): Promise<boolean>;
  /** Where the blobs live, for messages (`file:///…`, `s3://bucket/prefix`). */
  abstract readonly uri: string;
}

export class BlobIntegrityError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
    what = `blob ${expected} is corrupt`,
  ) {
    super(`${what}: its content hashes to ${actual}`);
    this.name = 'BlobIntegrityError';
  }
}

/** The blob is not in the store. */
export class BlobNotFoundError extends Error {
  constructor(
    readonly digest: string,
    where: string,
  ) {
    super(`blob ${digest} is not in ${where}`);
    this.name = 'BlobNotFoundError';
  }
}

const DIGEST = /^sha256:([0-9a-f]{64})$/;

/** The hex of a `sha256:<hex>` digest; RangeError for anything else (never a path or key). */
export function hexOf(digest: string): string {
  const hex = DIGEST.exec(digest)?.[1];
  if (!hex) throw new RangeError(`not a sha256:<hex> digest: ${digest}`);
  return hex;
}

export const isDigest = (digest: string): boolean => DIGEST.test(digest);
