import { LockfileError, parseJsonFile } from './lockfile-error';
import { addPackage, sortedPackages, type LockfileParser } from './lockfile';

interface NpmLock {
  lockfileVersion?: number;
  packages?: Record<string, { version?: string; name?: string; link?: boolean; resolved?: string }>;
  dependencies?: Record<string, { version?: string; dependencies?: NpmLock['dependencies'] }>;
}

/**
 * package-lock.json, lockfile versions 1–3. v2/v3 list every installed path under `packages`
 * (`node_modules/a/node_modules/b`); the package name is what follows the last `node_modules/`.
 * v1 nests `dependencies` instead. Workspace links are recorded as `link:<path>`.
 */
export const parseNpmLock: LockfileParser = (file, text) => {
  const lock = parseJsonFile(file, text) as NpmLock;
  if (typeof lock !== 'object' || lock === null || Array.isArray(lock))
    throw new LockfileError(file, 1, 'expected a JSON object');
  if (typeof lock.lockfileVersion !== 'number')
    throw new LockfileError(file, 1, 'missing lockfileVersion: not an npm package-lock.json');
  const packages: Record<string, string> = {};
  if (lock.packages) {
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '') continue; // the root project itself
      const at = path.lastIndexOf('node_modules/');
      const name = entry.name ?? (at >= 0 ? path.slice(at + 'node_modules/'.length) : path);
      addPackage(
        packages,
        name,
        entry.link ? `link:${entry.resolved ?? path}` : (entry.version ?? 'unknown'),
      );
    }
  } else {
    const walk = (deps: NpmLock['dependencies']) => {
      for (const [name, entry] of Object.entries(deps ?? {})) {
        addPackage(packages, name, entry.version ?? 'unknown');
        walk(entry.dependencies);
      }
    };
    walk(lock.dependencies);
  }
  return {
    format: 'npm',
    packages: sortedPackages(packages),
    extra: { lockfileVersion: lock.lockfileVersion },
  };
};
