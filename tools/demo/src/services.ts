import fs from 'node:fs';
import path from 'node:path';
import { runCli, stackPaths } from '@provenant/stack';
import { SERVICE_CATALOG } from '@provenant/sdk';

const paths = stackPaths();

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
  if (restarted.length) await runCli(['stop', ...restarted], env);
  const started = await runCli(['start', '--timeout', '120'], env);
  if (started.code !== 0) throw new Error(`the services did not all start:\n${started.output}`);
  return { restarted, output: started.output };
}
