import { createHash } from 'node:crypto';
import { mkdtemp, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashChildren, hashLeaf } from '@provenant/merkle';
import { buildManifest } from './build-manifest';
import { hashFile } from './file-digests';
import { HashPool } from './hash-pool';
import { diffManifests } from './diff-manifests';
import { dvcDirMd5, leafOf, merkleRoot, type ManifestEntry } from './manifest';

const entry = (path: string, content: string): ManifestEntry => ({
  path,
  size: content.length,
  sha256: createHash('sha256').update(content).digest('hex'),
  md5: createHash('md5').update(content).digest('hex'),
});

// RFC 9162 §2.1.1, written the way the RFC states it, as the reference.
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return hashChildren(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

describe('dataset manifests', () => {
  it('computes the RFC 9162 root over entries sorted by path, for every tree shape', () => {
    for (let n = 1; n <= 17; n++) {
      const entries = Array.from({ length: n }, (_, i) => entry(`f${String(i).padStart(2, '0')}`, `c${i}`));
      const expected = mth(entries.map((e) => hashLeaf(leafOf(e)))).toString('hex');
      expect(merkleRoot([...entries].reverse())).toBe(`sha256:${expected}`);
    }
  });

  it("matches DVC's .dir hash (Python json.dumps, sorted, ASCII-escaped)", () => {
    const entries = [
      { ...entry('bé.txt', 'bar'), md5: '37b51d194a7513e45b56f6524f2d51f2' },
      { ...entry('a/foo.txt', 'foo'), md5: 'acbd18db4cc2f85cedef654fccc4a4d8' },
    ];
    // python3: hashlib.md5(json.dumps(sorted([...]), sort_keys=True).encode()).hexdigest()
    expect(dvcDirMd5(entries)).toBe('c67d7c24340d080915d120cfd0ffe389.dir');
  });

  it("diffs in DVC's --json shape: added, deleted, modified, renamed", () => {
    const a = [entry('keep', '1'), entry('old-name', 'moved'), entry('gone', 'x'), entry('edit', 'v1')];
    const b = [entry('keep', '1'), entry('new-name', 'moved'), entry('edit', 'v2'), entry('new', 'y')];
    expect(diffManifests(a, b)).toEqual({
      added: [{ path: 'new', hash: entry('new', 'y').md5 }],
      deleted: [{ path: 'gone', hash: entry('gone', 'x').md5 }],
      modified: [{ path: 'edit', hash: { old: entry('', 'v1').md5, new: entry('', 'v2').md5 } }],
      renamed: [{ path: { old: 'old-name', new: 'new-name' }, hash: entry('', 'moved').md5 }],
      'not in cache': [],
    });
  });

  describe(buildManifest.name, () => {
    let dir: string;
    let cacheDir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ds-'));
      cacheDir = await mkdtemp(join(tmpdir(), 'ds-cache-'));
      await mkdir(join(dir, 'sub'));
      await writeFile(join(dir, 'a.csv'), 'id,x\n1,2\n');
      await writeFile(join(dir, 'sub', 'b.csv'), 'id,y\n');
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
      await rm(cacheDir, { recursive: true, force: true });
    });

    it('hashes once, then re-adds from the stat cache, re-hashing only what changed', async () => {
      const first = await buildManifest(dir, { cacheDir });
      expect(first).toMatchObject({ hashed: 2, fromCache: 0 });
      expect(first.entries.map((e) => e.path)).toEqual(['a.csv', 'sub/b.csv']);
      expect(first.entries[0]).toEqual(entry('a.csv', 'id,x\n1,2\n'));
      expect(await buildManifest(dir, { cacheDir })).toMatchObject({ hashed: 0, fromCache: 2 });

      await writeFile(join(dir, 'sub', 'b.csv'), 'id,y\n3\n');
      await utimes(join(dir, 'sub', 'b.csv'), new Date(), new Date(Date.now() + 5000));
      const third = await buildManifest(dir, { cacheDir });
      expect(third).toMatchObject({ hashed: 1, fromCache: 1 });
      expect(third.entries[1]).toEqual(entry('sub/b.csv', 'id,y\n3\n'));
      expect(await buildManifest(dir, { cacheDir, cache: false })).toMatchObject({ hashed: 2 });
    });

    it('keeps the Merkle tree with the cache: a re-add re-hashes only the changed path, same root', async () => {
      const files = Array.from({ length: 64 }, (_, i) => `m/${String(i).padStart(2, '0')}.csv`);
      await mkdir(join(dir, 'm'));
      for (const f of files) await writeFile(join(dir, f), f);
      const first = await buildManifest(join(dir, 'm'), { cacheDir });
      expect(first.root).toBe(merkleRoot(first.entries));
      expect(first.nodesHashed).toBe(63);
      const again = await buildManifest(join(dir, 'm'), { cacheDir });
      expect(again).toMatchObject({ root: first.root, hashed: 0, nodesHashed: 0 });

      await writeFile(join(dir, files[17]), 'changed');
      await utimes(join(dir, files[17]), new Date(), new Date(Date.now() + 5000));
      const changed = await buildManifest(join(dir, 'm'), { cacheDir });
      expect(changed.root).toBe(merkleRoot(changed.entries));
      expect(changed.root).not.toBe(first.root);
      expect(changed).toMatchObject({ hashed: 1, nodesHashed: 6 }); // log2(64): one path to the root

      await rm(join(dir, files[3]));
      const removed = await buildManifest(join(dir, 'm'), { cacheDir });
      expect(removed.root).toBe(merkleRoot(removed.entries));
      expect(removed.entries).toHaveLength(63);
    });
  });

  it('hashes in worker threads exactly as inline (and reports unreadable files)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pool-'));
    const file = join(dir, 'big.bin');
    await writeFile(file, Buffer.alloc(3 << 20, 7));
    const pool = new HashPool(2);
    try {
      expect(await pool.hash(file)).toEqual(await hashFile(file));
      await expect(pool.hash(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await pool.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
