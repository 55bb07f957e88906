import type { ComponentData } from '../manifest';

/** What every lockfile parser yields: the package set (name → version or spec) and extras. */
export interface ParsedLockfile {
  format: string;
  packages: Record<string, string>;
  /** Format-specific facts worth keeping (e.g. conda-lock's content hashes, pip hash mode). */
  extra?: ComponentData;
}

export type LockfileParser = (file: string, text: string) => ParsedLockfile;

/** Several versions of one name (npm nests them) are listed together, sorted, so order never matters. */
export function addPackage(packages: Record<string, string>, name: string, version: string): void {
  const existing = packages[name];
  if (existing === undefined) {
    packages[name] = version;
    return;
  }
  const versions = new Set([...existing.split(', '), version]);
  packages[name] = [...versions].sort().join(', ');
}

export function sortedPackages(packages: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(packages)
      .sort()
      .map((k) => [k, packages[k]]),
  );
}
