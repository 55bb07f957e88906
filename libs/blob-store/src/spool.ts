import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobIntegrityError, type PutOptions, type StoredBlob } from './blob-store';
import { DigestingStream } from './verifying-stream';

export interface Spooled extends StoredBlob {
  /** The temporary file holding the content; the caller moves or deletes it. */
  path: string;
}

/**
 * Writes the stream to a temporary file in `dir` while hashing it. A blob's key is its digest,
 * which is known only at the end of the stream, so the bytes have to wait somewhere first.
 * Fails (and deletes the file) when the content does not hash to `options.expected`.
 */
export async function spool(content: Readable, dir: string, options: PutOptions = {}): Promise<Spooled> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, randomUUID());
  const meter = new DigestingStream();
  try {
    await pipeline(content, meter, createWriteStream(path));
    const digest = meter.digest();
    if (options.expected && options.expected !== digest)
      throw new BlobIntegrityError(options.expected, digest, `content expected as ${options.expected}`);
    return { path, digest, sizeBytes: meter.sizeBytes };
  } catch (err) {
    await unlink(path).catch(() => undefined);
    throw err;
  }
}
