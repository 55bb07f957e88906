import { parseDocument } from 'yaml';
import { LockfileError, lineAt } from './lockfile-error';
import { addPackage, sortedPackages, type LockfileParser } from './lockfile';
import { parseRequirements } from './requirements.parser';

function parseYaml(file: string, text: string): Record<string, unknown> {
  const doc = parseDocument(text, { prettyErrors: false });
  const error = doc.errors[0];
  if (error)
    throw new LockfileError(
      file,
      lineAt(text, error.pos[0]),
      `invalid YAML: ${error.message.split('\n')[0]}`,
    );
  const value = doc.toJS() as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new LockfileError(file, 1, 'expected a YAML mapping');
  return value as Record<string, unknown>;
}

/** Line of the first occurrence of `needle`, to point at a bad entry of a YAML list. */
const lineOf = (text: string, needle: string): number | null => {
  const index = text.indexOf(needle);
  return index < 0 ? null : text.slice(0, index).split('\n').length;
};

const CONDA_SPEC = /^(?:[\w.-]+::)?([A-Za-z0-9_][\w.-]*)\s*(.*)$/;

/**
 * conda `environment.yml`: `dependencies` is a list of match specs (`numpy=1.26`,
 * `conda-forge::python>=3.11`) and optionally `{pip: [requirements]}`, recorded as `pip:<name>`.
 */
export const parseCondaEnvironment: LockfileParser = (file, text) => {
  const doc = parseYaml(file, text);
  if (!Array.isArray(doc.dependencies)) throw new LockfileError(file, null, 'no dependencies list');
  const packages: Record<string, string> = {};
  for (const dep of doc.dependencies as unknown[]) {
    if (typeof dep === 'string') {
      const match = CONDA_SPEC.exec(dep.trim());
      if (!match) throw new LockfileError(file, lineOf(text, dep), `cannot parse conda spec "${dep}"`);
      const spec = match[2].replace(/\s+/g, '');
      addPackage(
        packages,
        match[1].toLowerCase(),
        /^==?[^=<>!,]+$/.test(spec) ? spec.replace(/^==?/, '') : spec || '*',
      );
    } else if (typeof dep === 'object' && dep !== null && Array.isArray((dep as { pip?: unknown }).pip)) {
      const pip = parseRequirements(file, (dep as { pip: unknown[] }).pip.map(String).join('\n'));
      for (const [name, version] of Object.entries(pip.packages))
        addPackage(packages, `pip:${name}`, version);
    } else {
      throw new LockfileError(file, null, `unexpected dependency entry ${JSON.stringify(dep)}`);
    }
  }
  return {
    format: 'conda-environment',
    packages: sortedPackages(packages),
    extra: { channels: (doc.channels as string[] | undefined) ?? [] },
  };
};

interface CondaLockPackage {
  name?: unknown;
  version?: unknown;
  manager?: unknown;
  platform?: unknown;
}

/** conda-lock.yml (version 1): one entry per package and platform; `metadata.content_hash` per platform. */
export const parseCondaLock: LockfileParser = (file, text) => {
  const doc = parseYaml(file, text);
  if (doc.version !== 1)
    throw new LockfileError(
      file,
      lineOf(text, 'version'),
      `unsupported conda-lock version ${String(doc.version)}`,
    );
  if (!Array.isArray(doc.package)) throw new LockfileError(file, null, 'no package list');
  const packages: Record<string, string> = {};
  for (const entry of doc.package as CondaLockPackage[]) {
    if (typeof entry.name !== 'string' || typeof entry.version !== 'string')
      throw new LockfileError(file, null, `package entry without name or version: ${JSON.stringify(entry)}`);
    addPackage(packages, entry.manager === 'pip' ? `pip:${entry.name}` : entry.name, entry.version);
  }
  const meta = (doc.metadata ?? {}) as { content_hash?: Record<string, string>; platforms?: string[] };
  return {
    format: 'conda-lock',
    packages: sortedPackages(packages),
    extra: { contentHash: meta.content_hash ?? {}, platforms: meta.platforms ?? [] },
  };
};
