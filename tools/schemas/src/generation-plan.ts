import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateContracts, GENERATED_DIR } from './codegen/contracts.generator';
import { DOCS_PATH, generateEventsReference, spliceGenerated } from './docs/events-doc.generator';
import { lintSchemaSet } from './model/schema-lint';
import { readSchemaFilesFromDisk } from './model/schema-files';
import { loadSchemaSet, SchemaSet } from './model/schema-set';
import { readTopicMap, TopicMap, validateTopicMap } from './model/topic-map';
import {
  readWriterHistory,
  renderWriterHistory,
  verifyWriterHistory,
  withCurrentVersions,
  WRITER_HISTORY_PATH,
} from './model/writer-history';
import { generateVectorFiles, VECTORS_DIR } from './vectors/vector-files';

export type OutputKind = 'contracts' | 'docs' | 'vectors';
export const OUTPUT_KINDS: readonly OutputKind[] = ['contracts', 'docs', 'vectors'];

/** What generation would write: file contents by repository path, and folders it owns wholly. */
export interface GenerationPlan {
  readonly files: Map<string, string | Buffer>;
  readonly ownedDirs: string[];
}

export interface LoadedSchemas {
  readonly set: SchemaSet;
  readonly topics: TopicMap;
  readonly problems: string[];
}

export function loadAndValidate(repoRoot: string): LoadedSchemas {
  const set = loadSchemaSet(readSchemaFilesFromDisk(repoRoot));
  const topics = readTopicMap(repoRoot);
  const problems = [
    ...lintSchemaSet(set),
    ...validateTopicMap(topics, set),
    ...verifyWriterHistory(readWriterHistory(repoRoot)),
  ];
  return { set, topics, problems };
}

export async function planGeneration(
  repoRoot: string,
  loaded: LoadedSchemas,
  kinds: readonly OutputKind[],
): Promise<GenerationPlan> {
  const files = new Map<string, string | Buffer>();
  const ownedDirs: string[] = [];
  if (kinds.includes('contracts')) {
    const history = withCurrentVersions(readWriterHistory(repoRoot), loaded.set);
    for (const [name, content] of generateContracts(loaded.set, loaded.topics, history)) {
      files.set(`${GENERATED_DIR}/${name}`, content);
    }
    files.set(WRITER_HISTORY_PATH, renderWriterHistory(history));
    ownedDirs.push(GENERATED_DIR);
  }
  if (kinds.includes('docs')) {
    const path = join(repoRoot, DOCS_PATH);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Events\n';
    const document = spliceGenerated(current, generateEventsReference(loaded.set, loaded.topics));
    // Formatted as `npm run format` would, so formatting the repository never makes the doc stale.
    // Loaded lazily: prettier cannot load inside Jest's module sandbox, where specs import this file.
    const prettier = await import('prettier');
    const options = await prettier.resolveConfig(path);
    files.set(DOCS_PATH, await prettier.format(document, { ...options, filepath: path }));
  }
  if (kinds.includes('vectors')) {
    for (const [path, content] of generateVectorFiles(loaded.set)) files.set(path, content);
    ownedDirs.push(VECTORS_DIR);
  }
  return { files, ownedDirs };
}
