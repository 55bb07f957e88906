import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stackPaths } from '@provenant/stack';
import { SERVICE_CATALOG } from '@provenant/sdk';

const paths = stackPaths();
const CLI = path.join(paths.repoRoot, 'tools/cli/bin/provenant.js');

/** Runs `npx provenant …` (the CLI from this checkout) and collects its output. */
export function cli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: paths.repoRoot, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Services `provenant start` runs that do not export spans to `zipkinEndpoint` (read from /proc). */
function untraced(zipkinEndpoint: string): string[] {
  return SERVICE_CATALOG.map((s) => s.name).filter((name) => {
    const pidFile = path.join(paths.stateDir, 'services', `${name}.pid`);
    if (!fs.existsSync(pidFile)) return false;
    try {
      const environ = fs.readFileSync(`/proc/${fs.readFileSync(pidFile, 'utf8').trim()}/environ`, 'utf8');
      return !environ.split('\0').includes(`OTEL_EXPORTER_ZIPKIN_ENDPOINT=${zipkinEndpoint}`);
    } catch {
      return false; // not running
    }
  });
}

/**
 * The six services, exporting their spans to Zipkin: ones already running without tracing are
 * restarted (their data is in PostgreSQL and Redis, so nothing is lost).
 */
export async function ensureTracedServices(
  zipkinEndpoint: string,
): Promise<{ restarted: string[]; output: string }> {
  const env = { ...process.env, OTEL_EXPORTER_ZIPKIN_ENDPOINT: zipkinEndpoint };
  const restarted = untraced(zipkinEndpoint);
  if (restarted.length) await cli(['stop', ...restarted], env);
  const started = await cli(['start', '--timeout', '120'], env);
  if (started.code !== 0) throw new Error(`the services did not all start:\n${started.output}`);
  return { restarted, output: started.output };
}
