import { hash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildManifest, byPath, hashFile, leafOf, merkleRoot, scanFiles } from '@provenant/dataset-hashing';
import { result, type BenchResult } from '../../bench-result';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * Re-add after changing one file of a directory already in the stat cache: the walk, one file
 * read, and the Merkle root updated from the cached tree. The floor is what any re-add must do:
 * the walk with one lstat per file, plus hashing the changed file. Then how many tree nodes the
 * update re-hashed (floor: the ⌈log₂ n⌉ nodes on one leaf's path to the root), and the full
 * recompute the registry does to check a submitted manifest, against hashing just its leaves.
 */
export async function changedReAdd(dir: string, cacheDir: string, file: string): Promise<BenchResult[]> {
  await writeFile(join(dir, file), `id,v\nchanged,${Date.now()}\n`);
  const start = process.hrtime.bigint();
  const built = await buildManifest(dir, { cacheDir });
  const total = ms(start);
  if (built.hashed !== 1) throw new Error(`re-add after one change hashed ${built.hashed} files`);

  const floorStart = process.hrtime.bigint();
  await scanFiles(dir);
  await hashFile(join(dir, file));
  const floor = ms(floorStart);

  const rootStart = process.hrtime.bigint();
  const full = merkleRoot(built.entries);
  const rootMs = ms(rootStart);
  if (full !== built.root) throw new Error(`incremental root ${built.root} differs from the full ${full}`);
  const leavesStart = process.hrtime.bigint();
  for (const e of [...built.entries].sort(byPath)) hash('sha256', leafOf(e), 'buffer');
  const leavesFloor = ms(leavesStart);

  const n = built.entries.length;
  const count = n.toLocaleString('en-US');
  const depth = Math.ceil(Math.log2(n));
  return [
    result(`re-add after changing 1 of ${count} files`, total, 'ms', floor, '<= 1000 ms'),
    result(`Merkle nodes re-hashed for that change`, built.nodesHashed, 'nodes', depth, `<= ${depth} (log2 n)`),
    result(`full Merkle root over ${count} digests (registry check)`, rootMs, 'ms', leavesFloor, 'report'),
  ];
}
