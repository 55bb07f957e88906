import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { captureEnvironment } from '@provenant/env-capture';
import { result, type BenchResult, type BenchSuite } from '../../bench-result';
import { rawReads } from './raw-reads.floor';

const REPO = resolve(__dirname, '../../../../..');
const RUNS = 30;

async function median(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** One capture in a fresh process: no warm file cache in Node, no JIT, as `provenant env capture` runs it. */
function coldCapture(root: string): number {
  const script = join(__dirname, 'cold-capture.script.ts');
  const out = execFileSync(process.execPath, ['-r', '@swc-node/register', script, root], {
    cwd: REPO,
    env: { ...process.env, SWC_NODE_PROJECT: join(REPO, 'tsconfig.json') },
  });
  return Number(out.toString());
}

/** The interpreter a capture asks for its version: pyenv's, when python3 is a pyenv shim. */
async function resolvedPython(root: string): Promise<string | null> {
  const manifest = await captureEnvironment({ root, lockfiles: [] });
  const version = manifest.components['runtime.python']?.version as string | undefined;
  if (!version) return null;
  const pyenv = process.env.PYENV_ROOT ?? join(process.env.HOME ?? '/root', '.pyenv');
  return (process.env.PATH ?? '').includes(`${pyenv}/shims`)
    ? join(pyenv, 'versions', version, 'bin', 'python3')
    : 'python3';
}

export const envSuite: BenchSuite = {
  name: 'env',
  description: 'environment capture latency (vs the raw file reads and program starts it needs)',
  async run(progress) {
    const root = mkdtempSync(join(tmpdir(), 'bench-env-'));
    try {
      writeFileSync(join(root, 'requirements.txt'), 'numpy==1.26.4\npandas==2.2.0\nscikit-learn==1.4.0\n');
      const python = await resolvedPython(root);
      const results: BenchResult[] = [];

      progress('small project: requirements.txt with 3 packages');
      const floor = await median(() => rawReads(root, ['requirements.txt'], python));
      const small = await median(() => captureEnvironment({ root }));
      results.push(result('capture, small lockfile (median)', small, 'ms', floor, '< 300 ms'));
      const coldTimes = Array.from({ length: 5 }, () => coldCapture(root)).sort((a, b) => a - b);
      results.push(
        result('capture, small lockfile, fresh process (median of 5)', coldTimes[2], 'ms', floor, '< 300 ms'),
      );

      progress(`this repository: package-lock.json (${REPO})`);
      const repoFloor = await median(() => rawReads(REPO, ['package-lock.json'], python));
      const repo = await median(() => captureEnvironment({ root: REPO, lockfiles: ['package-lock.json'] }));
      results.push(
        result(
          'capture, ~1000-package package-lock.json (median)',
          repo,
          'ms',
          repoFloor,
          'info (large listing)',
        ),
      );
      return results;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
