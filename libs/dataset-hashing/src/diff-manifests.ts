import { byPath, type ManifestEntry } from './manifest';

/** `dvc diff --json` (dvc/repo/diff.py): hashes are DVC's MD5s; renames only for unchanged content. */
export interface DvcDiff {
  added: { path: string; hash: string }[];
  deleted: { path: string; hash: string }[];
  modified: { path: string; hash: { old: string; new: string } }[];
  renamed: { path: { old: string; new: string }; hash: string }[];
  'not in cache': { path: string; hash: string }[];
}

export function diffManifests(a: readonly ManifestEntry[], b: readonly ManifestEntry[]): DvcDiff {
  const before = new Map(a.map((e) => [e.path, e]));
  const after = new Map(b.map((e) => [e.path, e]));
  const out: DvcDiff = { added: [], deleted: [], modified: [], renamed: [], 'not in cache': [] };
  const gone = [...before.values()].filter((e) => !after.has(e.path)).sort(byPath);
  const fresh = [...after.values()].filter((e) => !before.has(e.path)).sort(byPath);
  for (const e of [...after.values()].sort(byPath)) {
    const old = before.get(e.path);
    if (old && old.sha256 !== e.sha256)
      out.modified.push({ path: e.path, hash: { old: old.md5, new: e.md5 } });
  }
  // A deleted file whose exact content reappears under a new path is a rename (first match wins).
  const unclaimed = new Map<string, ManifestEntry[]>();
  for (const e of gone) unclaimed.set(e.sha256, [...(unclaimed.get(e.sha256) ?? []), e]);
  for (const e of fresh) {
    const match = unclaimed.get(e.sha256)?.shift();
    if (match) out.renamed.push({ path: { old: match.path, new: e.path }, hash: e.md5 });
    else out.added.push({ path: e.path, hash: e.md5 });
  }
  for (const list of unclaimed.values())
    for (const e of list) out.deleted.push({ path: e.path, hash: e.md5 });
  out.deleted.sort(byPath);
  return out;
}
