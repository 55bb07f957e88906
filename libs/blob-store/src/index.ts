export { BlobIntegrityError, BlobNotFoundError, BlobStore, hexOf, isDigest } from './blob-store';
export type { PutOptions, StoredBlob } from './blob-store';
export { blobStoreFromUri, checkBlobStoreUri } from './blob-store-from-uri';
export { LocalBlobStore } from './local-blob.store';
export { S3BlobStore } from './s3-blob.store';
export type { S3Location } from './s3-blob.store';
export { s3ClientFrom } from './s3-settings';
export type { BlobStoreEnv } from './s3-settings';
