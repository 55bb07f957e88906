import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AvroJson } from './avro-json';

/** One `.avsc` file: its path from the repository root (`schemas/<domain>/<Name>.avsc`) and JSON. */
export interface SchemaFile {
  readonly path: string;
  readonly json: AvroJson;
}

export const SCHEMAS_DIR = 'schemas';

/** Source schemas: every .avsc under schemas/ except the generated, self-contained copies in vectors/. */
export function isSourceSchema(path: string): boolean {
  return path.endsWith('.avsc') && !path.startsWith(`${SCHEMAS_DIR}/vectors/`);
}

function parse(path: string, text: string): SchemaFile {
  try {
    return { path, json: JSON.parse(text) as AvroJson };
  } catch (error) {
    throw new Error(`${path}: not valid JSON: ${(error as Error).message}`);
  }
}

export function readSchemaFilesFromDisk(repoRoot: string): SchemaFile[] {
  const entries = readdirSync(join(repoRoot, SCHEMAS_DIR), { recursive: true, encoding: 'utf8' });
  return entries
    .map((entry) => `${SCHEMAS_DIR}/${entry.split('\\').join('/')}`)
    .filter(isSourceSchema)
    .sort()
    .map((path) => parse(path, readFileSync(join(repoRoot, path), 'utf8')));
}

function git(repoRoot: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
}

/** The schema files as committed at `ref`, read with git so the working tree is untouched. */
export function readSchemaFilesAtRef(repoRoot: string, ref: string): SchemaFile[] {
  return git(repoRoot, ['ls-tree', '-r', '--name-only', ref, '--', SCHEMAS_DIR])
    .split('\n')
    .filter(isSourceSchema)
    .sort()
    .map((path) => parse(path, git(repoRoot, ['show', `${ref}:${path}`])));
}

/** `schemas/runs/RunStarted.avsc` → `runs`. */
export function domainOf(path: string): string {
  return path.split('/')[1] ?? '';
}
