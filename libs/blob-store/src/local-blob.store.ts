import { createReadStream } from 'node:fs';
import { access, mkdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** Blobs on local disk as `<root>/sha256/<ab>/<cd>/<hex>`, written to a temp file and renamed into place. */
export class LocalBlobStore extends BlobStore {
  readonly uri: string;

  constructor(private readonly root: string) {
    super();
    this.uri = pathToFileURL(root).href;
  }

  async put(content: Readable, options?: PutOptions): Promise<StoredBlob> {
    // The temp dir is inside the root so that the rename below stays on one filesystem.
    const { path: tmp, digest, sizeBytes } = await spool(content, join(this.root, 'tmp'), options);
    const target = this.pathOf(digest);
    if (await this.exists(target)) await unlink(tmp);
    else {
      await mkdir(join(target, '..'), { recursive: true });
      await rename(tmp, target); // atomic: readers never see a half-written blob
    }
    return { digest, sizeBytes };
  }

  async open(digest: string): Promise<Readable> {
    const path = this.pathOf(digest);
    if (!(await this.exists(path))) throw new BlobNotFoundError(digest, this.uri);
    // pipeline, not pipe: a read error must reach the reader too.
    return pipeline(createReadStream(path), new VerifyingStream(digest), () => undefined);
  }

  async has(digest: string): Promise<boolean> {
    return isDigest(digest) && this.exists(this.pathOf(digest));
  }

  pathOf(digest: string): string {
    const hex = hexOf(digest);
    return join(this.root, 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
  }

  private exists(path: string): Promise<boolean> {
    return access(path).then(
      () => true,
      () => false,
    );
  }
}
