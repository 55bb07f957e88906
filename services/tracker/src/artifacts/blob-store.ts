import type { Readable } from 'node:stream';

export interface StoredBlob {
  /** `sha256:<hex>` */
  digest: string;
  sizeBytes: number;
}

/**
 * Content-addressed, immutable objects keyed by SHA-256 (DESIGN.md §1's shared blob store).
 * Local disk is the default; an S3-compatible backend implements the same three operations.
 */
export abstract class BlobStore {
  /** Stores the stream's bytes under their digest; identical content is stored once. */
  abstract put(content: Readable): Promise<StoredBlob>;
  /** The content, verified against the digest while it streams: a mismatch fails the stream. */
  abstract open(digest: string): Promise<Readable>;
  abstract has(digest: string): Promise<boolean>;
}

export class BlobIntegrityError extends Error {
  constructor(expected: string, actual: string) {
    super(`blob ${expected} is corrupt: its content hashes to ${actual}`);
    this.name = 'BlobIntegrityError';
  }
}
