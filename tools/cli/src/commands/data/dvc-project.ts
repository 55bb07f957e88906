import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { parse } from 'yaml';

/** One DVC output to import: where its data is, what DVC recorded, and the stage that made it. */
export interface DvcOutput {
  /** Path relative to the project root, POSIX. */
  path: string;
  abs: string;
  md5: string;
  stage: { name: string; cmd: string; params: Record<string, string> } | null;
  deps: { path: string; md5: string }[];
  /** The file DVC recorded it in (`data.dvc`, `dvc.lock`). */
  recordedIn: string;
}

interface DvcEntry {
  path: string;
  md5?: string;
}
interface LockStage {
  cmd: string | string[];
  deps?: DvcEntry[];
  outs?: DvcEntry[];
  params?: Record<string, Record<string, unknown>>;
}

const posix = (p: string) => p.split(sep).join('/');

/** Every output of a DVC project: `.dvc` files (dvc add) and `dvc.lock` stages (dvc repro). */
export async function readDvcProject(root: string): Promise<DvcOutput[]> {
  const outputs: DvcOutput[] = [];
  for (const file of await findDvcFiles(root)) {
    const doc = parse(await readFile(file, 'utf8')) as { outs?: DvcEntry[]; wdir?: string };
    const base = join(dirname(file), doc.wdir ?? '.');
    for (const out of doc.outs ?? []) if (out.md5) outputs.push(output(root, base, out, null, [], file));
  }
  const lock = join(root, 'dvc.lock');
  const text = await readFile(lock, 'utf8').catch(() => null);
  if (text !== null) {
    const doc = parse(text) as { stages?: Record<string, LockStage> };
    for (const [name, stage] of Object.entries(doc.stages ?? {})) {
      const params = Object.fromEntries(
        Object.entries(stage.params ?? {}).flatMap(([f, kv]) =>
          Object.entries(kv).map(([k, v]) => [`${f}:${k}`, JSON.stringify(v)]),
        ),
      );
      const cmd = Array.isArray(stage.cmd) ? stage.cmd.join(' && ') : stage.cmd;
      const deps = (stage.deps ?? []).filter((d) => d.md5).map((d) => ({ path: d.path, md5: d.md5! }));
      for (const out of stage.outs ?? [])
        if (out.md5) outputs.push(output(root, root, out, { name, cmd, params }, deps, lock));
    }
  }
  return outputs;
}

function output(
  root: string,
  base: string,
  out: DvcEntry,
  stage: DvcOutput['stage'],
  deps: DvcOutput['deps'],
  file: string,
): DvcOutput {
  const abs = join(base, out.path);
  return {
    path: posix(relative(root, abs)),
    abs,
    md5: out.md5!,
    stage,
    deps,
    recordedIn: posix(relative(root, file)),
  };
}

async function findDvcFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    if (d.name === '.dvc' || d.name === '.git') continue;
    const p = join(dir, d.name);
    if (d.isDirectory()) found.push(...(await findDvcFiles(p)));
    else if (d.isFile() && d.name.endsWith('.dvc')) found.push(p);
  }
  return found.sort();
}
