import { parse, TomlError } from 'smol-toml';
import { LockfileError } from './lockfile-error';
import { addPackage, sortedPackages, type LockfileParser } from './lockfile';
import { normalizePythonName } from './requirements.parser';

interface TomlPackage {
  name?: unknown;
  version?: unknown;
}

function parseToml(file: string, text: string): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError)
      throw new LockfileError(file, err.line, `invalid TOML: ${err.message.split('\n')[0]}`);
    throw err;
  }
}

/** poetry.lock and uv.lock share the shape that matters: `[[package]]` tables with name and version. */
function tomlLockParser(format: string): LockfileParser {
  return (file, text) => {
    const doc = parseToml(file, text);
    if (!Array.isArray(doc.package)) throw new LockfileError(file, null, 'no [[package]] tables');
    const packages: Record<string, string> = {};
    (doc.package as TomlPackage[]).forEach((entry, index) => {
      if (typeof entry.name !== 'string')
        throw new LockfileError(file, packageLine(text, index), `[[package]] #${index + 1} has no name`);
      // uv records the project itself and workspace members without a version.
      addPackage(
        packages,
        normalizePythonName(entry.name),
        typeof entry.version === 'string' ? entry.version : 'local',
      );
    });
    const meta = doc.metadata as Record<string, unknown> | undefined;
    const extra =
      format === 'poetry'
        ? { contentHash: (meta?.['content-hash'] as string | undefined) ?? null }
        : { lockVersion: (doc.version as number | undefined) ?? null };
    return { format, packages: sortedPackages(packages), extra };
  };
}

/** Line of the n-th `[[package]]` header, for errors about one package. */
function packageLine(text: string, index: number): number | null {
  let seen = -1;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++)
    if (lines[i].trim() === '[[package]]' && ++seen === index) return i + 1;
  return null;
}

export const parsePoetryLock = tomlLockParser('poetry');
export const parseUvLock = tomlLockParser('uv');
