import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import {
  BlobNotFoundError,
  BlobStore,
  hexOf,
  isDigest,
  type PutOptions,
  type StoredBlob,
} from './blob-store';
import { spool } from './spool';
import { VerifyingStream } from './verifying-stream';

export interface S3Location {
  bucket: string;
  /** Key prefix without leading or trailing slashes; empty for the bucket root. */
  prefix: string;
}

const MIB = 1 << 20;
// S3 allows 10,000 parts; parts grow past 16 MiB only for objects over ~150 GiB.
const partSizeFor = (bytes: number) => Math.max(16 * MIB, Math.ceil(bytes / 9_000));

const isNotFound = (err: unknown) =>
  (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/**
 * Blobs in an S3-compatible bucket as `<prefix>/sha256/<ab>/<hex>`. An object appears under its
 * key only once complete (S3 PUTs and multipart completions are atomic), so, as on disk, a reader
 * never sees half a blob; content already present is never uploaded again.
 */
export class S3BlobStore extends BlobStore {
  readonly uri: string;

  constructor(
    private readonly client: S3Client,
    private readonly at: S3Location,
    /** Where put stages content while hashing it (the key is known only at the end). */
    private readonly spoolDir = join(tmpdir(), 'provenant-blob-spool'),
  ) {
    super();
    this.uri = `s3://${at.bucket}${at.prefix ? `/${at.prefix}` : ''}`;
  }

  async put(content: Readable, options?: PutOptions): Promise<StoredBlob> {
    const staged = await spool(content, this.spoolDir, options);
    try {
      const { digest, sizeBytes } = staged;
      if (!(await this.has(digest))) {
        await new Upload({
          client: this.client,
          partSize: partSizeFor(sizeBytes),
          queueSize: 4,
          params: {
            Bucket: this.at.bucket,
            Key: this.keyOf(digest),
            Body: createReadStream(staged.path, { highWaterMark: MIB }),
            ContentType: 'application/octet-stream',
          },
        }).done();
      }
      return { digest, sizeBytes };
    } finally {
      await unlink(staged.path).catch(() => undefined);
    }
  }

  async open(digest: string): Promise<Readable> {
    const key = this.keyOf(digest);
    const object = await this.client
      .send(new GetObjectCommand({ Bucket: this.at.bucket, Key: key }))
      .catch((err: unknown) => {
        if (isNotFound(err)) throw new BlobNotFoundError(digest, this.uri);
        throw err;
      });
    return pipeline(object.Body as Readable, new VerifyingStream(digest), () => undefined);
  }

  async has(digest: string): Promise<boolean> {
    if (!isDigest(digest)) return false;
    return this.client.send(new HeadObjectCommand({ Bucket: this.at.bucket, Key: this.keyOf(digest) })).then(
      () => true,
      (err: unknown) => {
        if (isNotFound(err)) return false;
        throw err;
      },
    );
  }

  keyOf(digest: string): string {
    const hex = hexOf(digest);
    return `${this.at.prefix ? `${this.at.prefix}/` : ''}sha256/${hex.slice(0, 2)}/${hex}`;
  }
}
