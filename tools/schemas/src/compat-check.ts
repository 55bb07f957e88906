// The compatibility gate (DESIGN.md §2): every event schema in the working tree must be backward
// and forward compatible, under Avro schema resolution, with its version at the base ref; the
// run fails naming the event and the field.
//
//   node -r @swc-node/register tools/schemas/src/compat-check.ts [--base <git ref>]
//   (or SCHEMAS_BASE_REF=<ref>; default: origin/main, main, HEAD~1, see compat/base-ref.ts)
import { resolve } from 'node:path';
import { resolveBaseRef } from './compat/base-ref';
import { compareSchemaSets } from './compat/schema-set-comparison';
import { readSchemaFilesAtRef, readSchemaFilesFromDisk } from './model/schema-files';
import { loadSchemaSet, SchemaSet } from './model/schema-set';
import { readWriterHistory } from './model/writer-history';

export interface CompatCheckLog {
  info(message: string): void;
  error(message: string): void;
}

export function runCompatCheck(
  repoRoot: string,
  explicitBase: string | undefined,
  log: CompatCheckLog,
): number {
  const base = resolveBaseRef(repoRoot, explicitBase);
  if (!base) {
    log.info('schemas:compat: no commit to compare with yet; skipping the compatibility check');
    return 0;
  }
  const baseFiles = readSchemaFilesAtRef(repoRoot, base.ref);
  if (baseFiles.length === 0) {
    log.info(`schemas:compat: ${base.ref} has no schemas; nothing to compare`);
    return 0;
  }
  let baseSet: SchemaSet;
  try {
    baseSet = loadSchemaSet(baseFiles);
  } catch (error) {
    log.info(
      `schemas:compat: the schemas at ${base.ref} do not load, so there is nothing to compare with:\n${(error as Error).message}`,
    );
    return 0;
  }
  const headSet = loadSchemaSet(readSchemaFilesFromDisk(repoRoot));
  const report = compareSchemaSets(baseSet, headSet, readWriterHistory(repoRoot));
  const against = `against ${base.ref} (${base.why})`;
  if (report.problems.length > 0) {
    log.error(
      `schemas:compat: ${report.problems.length} incompatible change(s) ${against}:\n  - ${report.problems.join('\n  - ')}`,
    );
    return 1;
  }
  const added = report.added.length > 0 ? `; new: ${report.added.join(', ')}` : '';
  log.info(
    `schemas:compat: ${report.checked.length} event types backward and forward compatible ${against}${added}`,
  );
  return 0;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const flag = argv.indexOf('--base');
  const explicit = flag >= 0 ? argv[flag + 1] : process.env.SCHEMAS_BASE_REF || undefined;
  try {
    process.exitCode = runCompatCheck(resolve(__dirname, '../../..'), explicit, console);
  } catch (error) {
    console.error(`schemas:compat: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
