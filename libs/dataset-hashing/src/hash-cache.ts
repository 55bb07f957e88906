import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { MerkleLevels } from './merkle-levels';

export interface CachedDigest {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
  md5: string;
  /** Hex RFC 9162 leaf hash of the file's manifest entry (its path under the root is fixed). */
  leaf?: string;
}

/** The default cache folder: `$XDG_CACHE_HOME/provenant/hashes` (DVC keeps its state DB in the site cache too). */
export const defaultCacheDir = (env: NodeJS.ProcessEnv = process.env) =>
  join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'provenant', 'hashes');

/**
 * Digests of files already hashed, keyed by absolute path and trusted while size, mtime and inode
 * are unchanged (DVC's state DB rule), so an unchanged re-add only stats. Beside them, the
 * directory's last Merkle tree, so a re-add re-hashes only the paths above changed leaves.
 */
export class HashCache {
  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, CachedDigest>,
    /** the tree of the last manifest built with this cache, if any */
    readonly tree: MerkleLevels | null,
  ) {}

  static async open(root: string, dir = defaultCacheDir()): Promise<HashCache> {
    const file = cacheFile(root, dir);
    const [loaded, tree] = await Promise.all([
      readFile(file, 'utf8').then(
        (t) => Object.entries(JSON.parse(t) as Record<string, CachedDigest>),
        () => [] as [string, CachedDigest][],
      ),
      readFile(treeFile(file)).then(MerkleLevels.parse, () => null),
    ]);
    // The tree needs no digests to be safe: every leaf is compared with the new one before use.
    return new HashCache(file, new Map(loaded), tree);
  }

  /** Drops the directory's cached tree (e.g. when its root disagreed with the registry's). */
  static async forgetTree(root: string, dir = defaultCacheDir()): Promise<void> {
    await rm(treeFile(cacheFile(root, dir)), { force: true });
  }

  lookup(abs: string, st: { size: number; mtimeMs: number; ino: number }): CachedDigest | undefined {
    const hit = this.entries.get(abs);
    return hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs && hit.ino === st.ino ? hit : undefined;
  }

  private dirty = false;

  remember(abs: string, digest: CachedDigest): void {
    this.entries.set(abs, digest);
    this.dirty = true;
  }

  /**
   * Written atomically (temp file + rename), so a crash never leaves a half cache; the tree is
   * written only when it changed.
   */
  async save(keep: Set<string>, tree?: MerkleLevels): Promise<void> {
    for (const key of this.entries.keys())
      if (!keep.has(key)) {
        this.entries.delete(key);
        this.dirty = true;
      }
    if (tree && tree !== this.tree)
      await atomicWrite(treeFile(this.file), tree.serialize());
    if (this.dirty) await atomicWrite(this.file, JSON.stringify(Object.fromEntries(this.entries)));
    // an unchanged re-add only reads the cache
  }
}

const cacheFile = (root: string, dir: string) =>
  join(dir, `${createHash('sha256').update(resolve(root)).digest('hex').slice(0, 32)}.json`);
const treeFile = (cacheJson: string) => `${cacheJson.slice(0, -'.json'.length)}.tree`;

async function atomicWrite(file: string, data: string | Buffer): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
