import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-256 and MD5 of a file in one read (large buffered chunks: the read, not the call count, is the cost). */
export function hashFile(path: string): Promise<{ sha256: string; md5: string; size: number }> {
  return new Promise((resolve, reject) => {
    const sha = createHash('sha256');
    const md5 = createHash('md5');
    let size = 0;
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => {
        const b = chunk as Buffer;
        size += b.length;
        sha.update(b);
        md5.update(b);
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: sha.digest('hex'), md5: md5.digest('hex'), size }));
  });
}
