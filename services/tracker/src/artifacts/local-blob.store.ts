import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobIntegrityError, BlobStore, type StoredBlob } from './blob-store';

const DIGEST = /^sha256:([0-9a-f]{64})$/;

/** Blobs on local disk as `<root>/sha256/<ab>/<cd>/<hex>`, written to a temp file and renamed into place. */
export class LocalBlobStore extends BlobStore {
  constructor(private readonly root: string) {
    super();
  }

  async put(content: Readable): Promise<StoredBlob> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(content, meter, createWriteStream(tmp));
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    const digest = `sha256:${hash.digest('hex')}`;
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
    await stat(path);
    return createReadStream(path).pipe(new VerifyingStream(digest));
  }

  async has(digest: string): Promise<boolean> {
    return DIGEST.test(digest) && this.exists(this.pathOf(digest));
  }

  pathOf(digest: string): string {
    const hex = DIGEST.exec(digest)?.[1];
    if (!hex) throw new RangeError(`not a sha256:<hex> digest: ${digest}`);
    return join(this.root, 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
  }

  private exists(path: string): Promise<boolean> {
    return access(path).then(
      () => true,
      () => false,
    );
  }
}

/**
 * Hashes as it streams and holds back the last chunk until the digest is confirmed, so a corrupt
 * blob never reaches a reader complete: the stream errors instead of ending.
 */
class VerifyingStream extends Transform {
  private readonly hash = createHash('sha256');
  private held: Buffer | undefined;

  constructor(private readonly expected: string) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    if (this.held) this.push(this.held);
    this.held = chunk;
    done();
  }

  override _flush(done: TransformCallback): void {
    const actual = `sha256:${this.hash.digest('hex')}`;
    if (actual !== this.expected) return done(new BlobIntegrityError(this.expected, actual));
    done(null, this.held);
  }
}
