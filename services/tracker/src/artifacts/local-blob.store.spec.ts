import { createHash } from 'node:crypto';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { LocalBlobStore } from './local-blob.store';

describe(LocalBlobStore.name, () => {
  let sut: LocalBlobStore;
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'blobs-'));
    sut = new LocalBlobStore(root);
  });

  it('keys content by SHA-256 and stores identical content once', async () => {
    const a = await sut.put(Readable.from([Buffer.from('hello '), Buffer.from('world')]));
    const b = await sut.put(Readable.from([Buffer.from('hello world')]));
    expect(a).toEqual({
      digest: `sha256:${createHash('sha256').update('hello world').digest('hex')}`,
      sizeBytes: 11,
    });
    expect(b).toEqual(a);
    const hex = a.digest.slice(7);
    expect(await readdir(join(root, 'sha256', hex.slice(0, 2), hex.slice(2, 4)))).toEqual([hex]);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect(await text(await sut.open(a.digest))).toBe('hello world');
  });

  it('fails the download stream when the stored bytes no longer match their digest', async () => {
    const { digest } = await sut.put(Readable.from([Buffer.from('original')]));
    await writeFile(sut.pathOf(digest), 'tampered');
    await expect(text(await sut.open(digest))).rejects.toThrow(/is corrupt/);
  });
});
