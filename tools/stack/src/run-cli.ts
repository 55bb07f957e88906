import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { stackPaths } from './stack-paths';

const ROOT = stackPaths().repoRoot;
const BIN = join(ROOT, 'tools/cli/bin/provenant.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived, as a terminal would show them */
  output: string;
}

/**
 * Runs `npx provenant …` from this checkout as a user would (the demo, the labs and the tests
 * drive the CLI this way; it lives with the stack because both run this checkout's own tools), with `env` on top of this process's environment. Colours stripped.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (d) => ((stdout += d), (output += d)));
    child.stderr.on('data', (d) => ((stderr += d), (output += d)));
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout: stripVTControlCharacters(stdout),
        stderr: stripVTControlCharacters(stderr),
        output: stripVTControlCharacters(output),
      }),
    );
  });
}
