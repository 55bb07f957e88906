import { spawn } from 'node:child_process';
import { readFile, rm, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { parse } from 'yaml';

export const ROOT = join(__dirname, '../../..');
export const WORKFLOW = join(ROOT, 'deploy/ci/github-actions/promote.yml');

interface Job {
  needs?: string | string[];
  env?: Record<string, string>;
  steps: { name?: string; run?: string }[];
}

export interface StepOutcome {
  job: string;
  step: string;
  code: number;
  output: string;
}

function bash(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code: code ?? 1, output: stripVTControlCharacters(output) }));
  });
}

/**
 * Runs the `provenant` steps of the GitHub Actions workflow locally, job after job in file
 * order, as a runner would: `${{ secrets.* }}` from `secrets`, the register job's output passed
 * on, and the first failing step failing the workflow (later jobs do not run).
 */
export async function runPromotionWorkflow(o: {
  model: string;
  runId: string;
  secrets: Record<string, string>;
  env: Record<string, string>;
}): Promise<{ ok: boolean; steps: StepOutcome[] }> {
  const workflow = parse(await readFile(WORKFLOW, 'utf8')) as { jobs: Record<string, Job> };
  const dir = await mkdtemp(join(tmpdir(), 'gh-'));
  const outputs = join(dir, 'output');
  await writeFile(outputs, '');
  const steps: StepOutcome[] = [];
  try {
    for (const [job, spec] of Object.entries(workflow.jobs)) {
      const version = /version=(\d+)/.exec(await readFile(outputs, 'utf8'))?.[1] ?? '';
      const jobEnv = Object.fromEntries(
        Object.entries(spec.env ?? {}).map(([k, v]) => [
          k,
          v
            .replace(/\$\{\{\s*secrets\.(\w+)\s*\}\}/, (_, s: string) => o.secrets[s] ?? '')
            .replace(/\$\{\{\s*needs\.register\.outputs\.version\s*\}\}/, version),
        ]),
      );
      for (const step of spec.steps.filter((s) => s.name?.startsWith('provenant'))) {
        const { code, output } = await bash(step.run!, {
          ...process.env,
          ...o.env,
          MODEL: o.model,
          RUN_ID: o.runId,
          GITHUB_OUTPUT: outputs,
          ...jobEnv,
        });
        steps.push({ job, step: step.name!, code, output });
        if (code !== 0) return { ok: false, steps };
      }
    }
    return { ok: true, steps };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(join(ROOT, 'version.json'), { force: true }); // the register step writes it in the checkout
  }
}
