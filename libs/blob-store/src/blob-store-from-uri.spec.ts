import { join } from 'node:path';
import { blobStoreFromUri } from './blob-store-from-uri';
import { LocalBlobStore } from './local-blob.store';
import { S3BlobStore } from './s3-blob.store';

const digest = `sha256:${'ab'.repeat(32)}`;

describe(blobStoreFromUri.name, () => {
  it('opens file:// URIs and plain paths on local disk', () => {
    const fromUrl = blobStoreFromUri('file:///var/blobs') as LocalBlobStore;
    expect(fromUrl).toBeInstanceOf(LocalBlobStore);
    expect(fromUrl.pathOf(digest)).toBe(`/var/blobs/sha256/ab/ab/${'ab'.repeat(32)}`);
    const relative = blobStoreFromUri('.state/blobs') as LocalBlobStore;
    expect(relative.uri).toBe(`file://${join(process.cwd(), '.state/blobs')}`);
  });

  it('keys S3 objects as <prefix>/sha256/<ab>/<hex>', () => {
    const store = blobStoreFromUri('s3://ml-data/teams/fraud/', { S3_ENDPOINT_URL: 'http://127.0.0.1:9' });
    expect(store).toBeInstanceOf(S3BlobStore);
    expect(store.uri).toBe('s3://ml-data/teams/fraud');
    expect((store as S3BlobStore).keyOf(digest)).toBe(`teams/fraud/sha256/ab/${'ab'.repeat(32)}`);
    expect((blobStoreFromUri('s3://ml-data') as S3BlobStore).keyOf(digest)).toBe(
      `sha256/ab/${'ab'.repeat(32)}`,
    );
  });

  it('refuses other schemes and malformed buckets, naming what it expects', () => {
    expect(() => blobStoreFromUri('gs://bucket')).toThrow(/expected file:\/\/\/DIR.*got "gs:\/\/bucket"/);
    expect(() => blobStoreFromUri('s3://')).toThrow(/s3:\/\/BUCKET/);
    expect(() => blobStoreFromUri('s3://Upper_Case')).toThrow(/s3:\/\/BUCKET/);
  });
});
