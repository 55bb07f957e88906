import { hash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildManifest, byPath, hashFile, leafOf, merkleRoot, scanFiles } from '@provenant/dataset-hashing';
import { result, type BenchResult } from '../../bench-result';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * Re-add after changing one file of a directory already in the stat cache: the walk, one file
 * read, and the Merkle root the registry recomputes over every entry. The floor is what any
 * re-add must do: the walk with one lstat per file, plus hashing the changed file. The root is
 * also reported alone, against hashing just its leaves (the least a root committing to every
 * entry costs), to show what the linear fold adds.
 */
export async function changedReAdd(dir: string, cacheDir: string, file: string): Promise<BenchResult[]> {
  await writeFile(join(dir, file), `id,v\nchanged,${Date.now()}\n`);
  const start = process.hrtime.bigint();
  const built = await buildManifest(dir, { cacheDir });
  const rootStart = process.hrtime.bigint();
  merkleRoot(built.entries);
  const rootMs = ms(rootStart);
  const total = ms(start);
  if (built.hashed !== 1) throw new Error(`re-add after one change hashed ${built.hashed} files`);

  const floorStart = process.hrtime.bigint();
  await scanFiles(dir);
  await hashFile(join(dir, file));
  const floor = ms(floorStart);
  const leavesStart = process.hrtime.bigint();
  for (const e of [...built.entries].sort(byPath)) hash('sha256', leafOf(e), 'buffer');
  const leavesFloor = ms(leavesStart);
  const n = built.entries.length.toLocaleString('en-US');
  return [
    result(`re-add after changing 1 of ${n} files`, total, 'ms', floor, '<= 1000 ms'),
    result(`Merkle root over ${n} cached digests`, rootMs, 'ms', leavesFloor, 'part of the re-add above'),
  ];
}
