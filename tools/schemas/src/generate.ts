// Generates everything derived from schemas/: libs/contracts/src/generated, the writer history,
// the reference part of docs/events.md and the golden vectors. With --check it writes nothing and
// fails when any of them is stale, or when a schema breaks a house rule.
//
//   node -r @swc-node/register tools/schemas/src/generate.ts [--check] [--only=contracts,docs,vectors]
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GenerationPlan, loadAndValidate, OUTPUT_KINDS, OutputKind, planGeneration } from './generation-plan';

const REPO_ROOT = resolve(__dirname, '../../..');

function parseKinds(argv: readonly string[]): OutputKind[] {
  const only = argv.find((arg) => arg.startsWith('--only='));
  if (!only) return [...OUTPUT_KINDS];
  const kinds = only.slice('--only='.length).split(',');
  const unknown = kinds.filter((kind) => !OUTPUT_KINDS.includes(kind as OutputKind));
  if (unknown.length > 0)
    throw new Error(`--only: unknown output ${unknown.join(', ')} (known: ${OUTPUT_KINDS.join(', ')})`);
  return kinds as OutputKind[];
}

function isCurrent(path: string, content: string | Buffer): boolean {
  const absolute = join(REPO_ROOT, path);
  return existsSync(absolute) && readFileSync(absolute).equals(Buffer.from(content));
}

function extraFiles(plan: GenerationPlan): string[] {
  return plan.ownedDirs.flatMap((dir) =>
    existsSync(join(REPO_ROOT, dir))
      ? readdirSync(join(REPO_ROOT, dir))
          .map((name) => `${dir}/${name}`)
          .filter((path) => !plan.files.has(path))
      : [],
  );
}

async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes('--check');
  const loaded = loadAndValidate(REPO_ROOT);
  if (loaded.problems.length > 0) {
    console.error(`schemas break ${loaded.problems.length} rule(s):\n  - ${loaded.problems.join('\n  - ')}`);
    return 1;
  }
  const plan = await planGeneration(REPO_ROOT, loaded, parseKinds(argv));
  const stale = [...plan.files].filter(([path, content]) => !isCurrent(path, content)).map(([path]) => path);
  const extra = extraFiles(plan);
  if (check) {
    if (stale.length + extra.length === 0) {
      console.log(`schemas: ${loaded.set.events.length} events, generated files up to date`);
      return 0;
    }
    console.error(
      `generated files are stale; run \`npm run schemas:gen\` and commit the result:\n` +
        [
          ...stale.map((path) => `  - ${path} (out of date)`),
          ...extra.map((path) => `  - ${path} (no longer generated)`),
        ].join('\n'),
    );
    return 1;
  }
  for (const path of stale) {
    mkdirSync(dirname(join(REPO_ROOT, path)), { recursive: true });
    writeFileSync(join(REPO_ROOT, path), plan.files.get(path)!);
  }
  for (const path of extra) rmSync(join(REPO_ROOT, path));
  console.log(
    `schemas: ${loaded.set.events.length} events; wrote ${stale.length} file(s), removed ${extra.length}`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
