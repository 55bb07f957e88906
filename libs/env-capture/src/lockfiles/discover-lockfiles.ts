import { readFile } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import { sha256Digest } from '../canonical-digest';
import type { ComponentData } from '../manifest';
import { parseCondaEnvironment, parseCondaLock } from './conda.parser';
import type { LockfileParser } from './lockfile';
import { parseNpmLock } from './npm-lock.parser';
import { parseRequirements } from './requirements.parser';
import { parsePoetryLock, parseUvLock } from './toml-lock.parser';

/** File names recognised in the capture root, and how each is parsed. */
export const LOCKFILE_PARSERS: Record<string, LockfileParser> = {
  'package-lock.json': parseNpmLock,
  'requirements.txt': parseRequirements,
  'poetry.lock': parsePoetryLock,
  'uv.lock': parseUvLock,
  'environment.yml': parseCondaEnvironment,
  'environment.yaml': parseCondaEnvironment,
  'conda-lock.yml': parseCondaLock,
  'conda-lock.yaml': parseCondaLock,
};

export function parserFor(path: string): LockfileParser | undefined {
  const name = basename(path);
  if (/^requirements[\w.-]*\.txt$/.test(name)) return parseRequirements;
  return LOCKFILE_PARSERS[name];
}

/**
 * Reads a lockfile into its component: the digest of its exact bytes (what installs it) and the
 * parsed package set (what a diff names). Keyed `lockfile:<path relative to root>`.
 */
export async function lockfileComponent(root: string, path: string): Promise<[string, ComponentData]> {
  const absolute = resolve(root, path);
  const file = relative(root, absolute) || basename(absolute);
  const parser = parserFor(absolute);
  if (!parser)
    throw new Error(`${file}: not a recognised lockfile (${Object.keys(LOCKFILE_PARSERS).join(', ')})`);
  const bytes = await readFile(absolute);
  const parsed = parser(file, bytes.toString('utf8'));
  return [
    `lockfile:${file}`,
    {
      file,
      format: parsed.format,
      sha256: sha256Digest(bytes),
      packages: parsed.packages,
      ...(parsed.extra ?? {}),
    },
  ];
}

/** The lockfiles among the names of a directory (no recursion: a monorepo lists the others explicitly). */
export function recognisedLockfiles(entries: string[]): string[] {
  return entries.filter((name) => parserFor(name) !== undefined).sort();
}
