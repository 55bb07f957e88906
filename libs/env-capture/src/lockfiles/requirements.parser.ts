import { LockfileError } from './lockfile-error';
import { addPackage, sortedPackages, type LockfileParser } from './lockfile';

const NAME = String.raw`[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?`;
const VERSION_CLAUSE = String.raw`(?:===|==|~=|!=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+`;
const REQUIREMENT = new RegExp(
  String.raw`^(${NAME})\s*(?:\[[^\]]*\])?\s*` +
    String.raw`(?:@\s*(\S+)|(${VERSION_CLAUSE}(?:\s*,\s*${VERSION_CLAUSE})*)|\((${VERSION_CLAUSE}(?:\s*,\s*${VERSION_CLAUSE})*)\))?` +
    String.raw`\s*(?:;.*)?$`,
);
const URL_LINE = /^(?:git\+|hg\+|svn\+|bzr\+)?(?:https?|file|ssh):\/\/\S+$/;
const HASH_OPTION = /\s--hash[=\s](\S+)/g;

/** PEP 503 normalized name, so `Foo_Bar` in requirements and `foo-bar` in pip freeze compare equal. */
export const normalizePythonName = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/**
 * requirements.txt and `pip freeze` output. Continuation lines (`\`) are joined and reported by
 * the line they start on; options (`-r`, `--index-url`, …) are skipped, so an index URL carrying
 * credentials never reaches the manifest. `name==1.2` records `1.2`; any other specifier is kept
 * as written. `--hash` values are kept: they are what pip's hash-checking mode verifies.
 */
export const parseRequirements: LockfileParser = (file, text) => {
  const packages: Record<string, string> = {};
  const hashes: Record<string, string[]> = {};
  for (const { line, content } of logicalLines(text)) {
    const withoutComment = content.replace(/(^|\s)#.*$/, '').trim();
    if (withoutComment === '' || withoutComment.startsWith('-')) continue;
    const found = [...withoutComment.matchAll(HASH_OPTION)].map((m) => m[1]);
    const requirement = withoutComment.replace(HASH_OPTION, '').trim();
    if (URL_LINE.test(requirement)) {
      addPackage(packages, requirement, 'url');
      continue;
    }
    const match = REQUIREMENT.exec(requirement);
    if (!match) throw new LockfileError(file, line, `cannot parse requirement "${requirement}"`);
    const name = normalizePythonName(match[1]);
    const spec = (match[3] ?? match[4] ?? '').replace(/\s+/g, '');
    const version = match[2] ? `@ ${match[2]}` : /^==[^,=]+$/.test(spec) ? spec.slice(2) : spec || '*';
    addPackage(packages, name, version);
    if (found.length > 0) hashes[name] = found.sort();
  }
  const extra = Object.keys(hashes).length > 0 ? { hashes: sortedHashes(hashes) } : undefined;
  return { format: 'pip', packages: sortedPackages(packages), extra };
};

function* logicalLines(text: string): Generator<{ line: number; content: string }> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let content = lines[i];
    while (content.endsWith('\\') && i + 1 < lines.length) content = content.slice(0, -1) + ' ' + lines[++i];
    yield { line: start, content };
  }
}

function sortedHashes(hashes: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.keys(hashes)
      .sort()
      .map((k) => [k, hashes[k]]),
  );
}
