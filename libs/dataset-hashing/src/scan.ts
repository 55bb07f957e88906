import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export interface ScannedFile {
  path: string;
  abs: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

// Version-control and tool metadata are never part of a dataset (DVC ignores them too).
const IGNORED = new Set(['.git', '.dvc', '.provenant']);

/**
 * Every regular file under `root` (or `root` itself when it is a file), with the stat fields the
 * cache keys on. Symlinks are skipped: a dataset version is content, not pointers.
 */
export async function scanFiles(root: string): Promise<ScannedFile[]> {
  const top = await lstat(root);
  if (top.isFile()) return [{ path: '', abs: root, size: top.size, mtimeMs: top.mtimeMs, ino: top.ino }];
  const out: ScannedFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    await Promise.all(
      entries.map(async (d) => {
        if (IGNORED.has(d.name)) return;
        const abs = join(dir, d.name);
        if (d.isDirectory()) return walk(abs);
        if (!d.isFile()) return;
        const st = await lstat(abs);
        out.push({
          path: relative(root, abs).split(sep).join('/'),
          abs,
          size: st.size,
          mtimeMs: st.mtimeMs,
          ino: st.ino,
        });
      }),
    );
  };
  await walk(root);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
