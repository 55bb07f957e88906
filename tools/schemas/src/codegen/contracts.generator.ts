import { TopicMap } from '../model/topic-map';
import { SchemaSet } from '../model/schema-set';
import { WriterHistory } from '../model/writer-history';
import { generateEventCatalog, generateEventMap, generateEventSchemas } from './catalog.generator';
import { GENERATED_HEADER } from './generated-header';
import { generateTypeFiles } from './types.generator';

export const GENERATED_DIR = 'libs/contracts/src/generated';

/** Every file of libs/contracts/src/generated, by file name. */
export function generateContracts(
  set: SchemaSet,
  topics: TopicMap,
  history: WriterHistory,
): Map<string, string> {
  const files = generateTypeFiles(set);
  files.set('event-map.ts', generateEventMap(set));
  files.set('event-catalog.ts', generateEventCatalog(set, topics));
  files.set('event-schemas.ts', generateEventSchemas(set, history));
  const modules = [...files.keys()].sort().map((file) => `export * from './${file.replace(/\.ts$/, '')}';`);
  files.set('index.ts', [GENERATED_HEADER, ...modules, ''].join('\n'));
  return files;
}
