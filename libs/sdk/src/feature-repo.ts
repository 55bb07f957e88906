import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

export class RepoReadError extends Error {}

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((e) => !e.name.startsWith('.'))
      .map(async (e) => {
        const path = join(dir, e.name);
        if (e.isDirectory()) return yamlFiles(path);
        return /\.ya?ml$/.test(e.name) ? [path] : [];
      }),
  );
  return nested.flat().sort();
}

/**
 * Every object of a feature repository: all `*.yaml`/`*.yml` files under `dir`, several
 * documents per file allowed (`---`), each tagged with its file so the registry's errors name it.
 */
export async function readFeatureRepo(dir: string): Promise<Record<string, unknown>[]> {
  const files = await yamlFiles(dir).catch((err: NodeJS.ErrnoException) => {
    throw new RepoReadError(`cannot read feature repository ${dir}: ${err.code ?? err.message}`);
  });
  if (files.length === 0) throw new RepoReadError(`no .yaml files in ${dir}`);
  const objects: Record<string, unknown>[] = [];
  for (const file of files) {
    const sourceFile = relative(dir, file);
    const text = await readFile(file, 'utf8');
    for (const doc of parseAllDocuments(text, { prettyErrors: true })) {
      if (doc.errors.length > 0) {
        const e = doc.errors[0];
        throw new RepoReadError(`${sourceFile}:${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`);
      }
      const value: unknown = doc.toJS();
      if (value === null || value === undefined) continue;
      if (typeof value !== 'object' || Array.isArray(value))
        throw new RepoReadError(`${sourceFile}: each YAML document must be one object with a kind`);
      objects.push({ ...(value as Record<string, unknown>), sourceFile });
    }
  }
  return objects;
}
