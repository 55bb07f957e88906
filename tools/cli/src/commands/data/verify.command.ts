import type { Command } from 'commander';
import { buildManifest, merkleRoot } from '@provenant/dataset-hashing';
import { ExitCode, printJson, printTable } from '../../output';
import { reportRegistryError } from '../models/registry-client';
import { fetchVersion } from './dataset-ref';

interface Mismatch {
  path: string;
  problem: 'missing' | 'extra' | 'modified';
  expected: string | null;
  actual: string | null;
}

/** `data verify VERSION [PATH]`: re-hash every file (no cache) and report each mismatch; exit 1 on any. */
export function registerVerifyCommand(data: Command): void {
  data
    .command('verify <version> [path]')
    .description('re-hash a local copy against a registered version (default path: where it was added from)')
    .option('--json', 'print the mismatches as JSON')
    .action(async (ref: string, path: string | undefined, flags: { json?: boolean }) => {
      try {
        const version = await fetchVersion(ref);
        const local = await buildManifest(path ?? version.path ?? '.', { cache: false });
        const have = new Map(local.entries.map((e) => [e.path, e]));
        const want = new Map(version.manifest.map((e) => [e.path, e]));
        const mismatches: Mismatch[] = [];
        for (const [p, e] of want) {
          const got = have.get(p);
          if (!got) mismatches.push({ path: p, problem: 'missing', expected: e.sha256, actual: null });
          else if (got.sha256 !== e.sha256 || got.size !== e.size)
            mismatches.push({ path: p, problem: 'modified', expected: e.sha256, actual: got.sha256 });
        }
        for (const [p, e] of have)
          if (!want.has(p)) mismatches.push({ path: p, problem: 'extra', expected: null, actual: e.sha256 });
        const ok = mismatches.length === 0 && merkleRoot(local.entries) === version.digest;
        if (flags.json)
          printJson({
            version: `${version.name}@v${version.version}`,
            digest: version.digest,
            ok,
            mismatches,
          });
        else if (ok)
          process.stdout.write(
            `OK ${version.name}@v${version.version}: ${version.file_count} files match ${version.digest}\n`,
          );
        else {
          printTable(
            ['path', 'problem', 'expected sha256', 'actual sha256'],
            mismatches.map((m) => [m.path, m.problem, m.expected ?? '-', m.actual ?? '-']),
          );
          process.stdout.write(
            `${mismatches.length} mismatches against ${version.name}@v${version.version}\n`,
          );
        }
        process.exitCode = ok ? ExitCode.ok : ExitCode.failed;
      } catch (err) {
        if (err instanceof Error && 'code' in err && err.code === 'ENOENT') {
          process.stderr.write(`${err.message}\n`);
          process.exitCode = ExitCode.usage;
          return;
        }
        reportRegistryError(err);
      }
    });
}
