import { createHash } from 'node:crypto';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { BlobIntegrityError, BlobNotFoundError } from './blob-store';
import { LocalBlobStore } from './local-blob.store';

const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

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
    expect(a).toEqual({ digest: sha('hello world'), sizeBytes: 11 });
    expect(b).toEqual(a);
    const hex = a.digest.slice(7);
    expect(await readdir(join(root, 'sha256', hex.slice(0, 2), hex.slice(2, 4)))).toEqual([hex]);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect(await text(await sut.open(a.digest))).toBe('hello world');
    expect(await sut.has(a.digest)).toBe(true);
  });

  it('fails the download stream when the stored bytes no longer match their digest', async () => {
    const { digest } = await sut.put(Readable.from([Buffer.from('original')]));
    await writeFile(sut.pathOf(digest), 'tampered');
    await expect(text(await sut.open(digest))).rejects.toThrow(/is corrupt/);
  });

  it('stores nothing when the content does not hash to the expected digest', async () => {
    const put = sut.put(Readable.from([Buffer.from('changed')]), { expected: sha('original') });
    await expect(put).rejects.toBeInstanceOf(BlobIntegrityError);
    expect(await sut.has(sha('changed'))).toBe(false);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('answers a missing blob with BlobNotFoundError and rejects anything but a sha256 digest', async () => {
    await expect(sut.open(sha('never stored'))).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await sut.has('sha256:../../etc/passwd')).toBe(false);
    await expect(sut.open('sha256:../../etc/passwd')).rejects.toThrow(RangeError);
  });
});
