import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BlobStore } from './blob-store';
import { LocalBlobStore } from './local-blob.store';
import { S3BlobStore } from './s3-blob.store';
import { s3ClientFrom, type BlobStoreEnv } from './s3-settings';

/** Whether `uri` names a blob store blobStoreFromUri can open; the message says why not. */
export function checkBlobStoreUri(uri: string): string | undefined {
  if (/^file:\/\/\/./.test(uri) || !/^[a-z][a-z0-9+.-]*:/i.test(uri)) return undefined;
  if (/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(uri)) return undefined;
  return `expected file:///DIR, a directory path or s3://BUCKET[/PREFIX], got "${uri}"`;
}

/**
 * The store a URI names: `file:///dir` (or a plain path) on local disk, `s3://bucket/prefix` in
 * an S3-compatible bucket reached with the endpoint, region and credentials in `env`.
 */
export function blobStoreFromUri(uri: string, env: BlobStoreEnv = {}): BlobStore {
  const problem = checkBlobStoreUri(uri);
  if (problem) throw new RangeError(problem);
  if (uri.startsWith('s3://')) {
    const [bucket, ...rest] = uri.slice('s3://'.length).split('/');
    const prefix = rest.filter(Boolean).join('/');
    return new S3BlobStore(s3ClientFrom(env), { bucket, prefix });
  }
  return new LocalBlobStore(uri.startsWith('file:') ? fileURLToPath(uri) : resolve(uri));
}
