import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { spawnDetached, terminate } from './process-control';
import { runningPidFromFile } from './process-identity';
import { stackPaths } from './stack-paths';

// The trace viewer `npm run demo` starts. Not part of `up`: tests do not need it, and it costs
// ~300 MB. Zipkin's server is one executable jar on Maven Central, the route Kafka takes too.
const VERSION = '3.5.1';
const JAR = path.join(
  os.homedir(),
  '.m2/repository/io/zipkin/zipkin-server',
  VERSION,
  `zipkin-server-${VERSION}-exec.jar`,
);
const paths = stackPaths();
const dir = path.join(paths.stateDir, 'zipkin');
const pidFile = path.join(dir, 'zipkin.pid');
export const ZIPKIN_PORT = Number(process.env.ZIPKIN_PORT ?? 9411);
export const zipkinUrl = `http://127.0.0.1:${ZIPKIN_PORT}`;

const runningPid = () => runningPidFromFile(pidFile, JAR);

async function healthy(): Promise<boolean> {
  return fetch(`${zipkinUrl}/health`, { signal: AbortSignal.timeout(1_000) }).then(
    (r) => r.ok,
    () => false,
  );
}

/** Starts Zipkin (in-memory storage) unless one answers already; downloads the jar once. */
export async function ensureZipkin(
  log: (line: string) => void,
): Promise<{ started: boolean; seconds: number }> {
  const t0 = Date.now();
  if (await healthy()) return { started: false, seconds: 0 };
  if (!fs.existsSync(JAR)) {
    log(`zipkin: fetching io.zipkin:zipkin-server:${VERSION}:exec from Maven Central (first run only)…`);
    await promisify(execFile)(
      'mvn',
      [
        '-B',
        '-q',
        'dependency:get',
        `-Dartifact=io.zipkin:zipkin-server:${VERSION}:jar:exec`,
        '-Dtransitive=false',
      ],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((err: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(
        `zipkin: Maven could not fetch the server jar: ${(err.stdout ?? '') + (err.stderr ?? '') || err.message}`,
      );
    });
  }
  fs.mkdirSync(dir, { recursive: true });
  const pid = spawnDetached('java', ['-Xms64m', '-Xmx384m', '-jar', JAR], {
    cwd: dir,
    logFile: path.join(dir, 'zipkin.log'),
    env: { ...process.env, QUERY_PORT: String(ZIPKIN_PORT), STORAGE_TYPE: 'mem', MEM_MAX_SPANS: '200000' },
  });
  fs.writeFileSync(pidFile, String(pid));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (await healthy()) return { started: true, seconds: (Date.now() - t0) / 1000 };
    if (!runningPid()) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`zipkin did not become ready; see ${path.join(dir, 'zipkin.log')}`);
}

/** Stops the Zipkin this project started (used by `npx provenant stop --stack`). */
export async function stopZipkin(): Promise<boolean> {
  const pid = runningPid();
  fs.rmSync(pidFile, { force: true });
  if (!pid) return false;
  await terminate(pid, 'SIGTERM', 15_000);
  return true;
}

/** The services in one trace, from Zipkin's API (spans arrive in batches, so poll briefly). */
export async function traceServices(traceId: string, want: number, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let services: string[] = [];
  while (Date.now() < deadline) {
    const res = await fetch(`${zipkinUrl}/api/v2/trace/${traceId}`).catch(() => undefined);
    if (res?.ok) {
      const spans = (await res.json()) as { localEndpoint?: { serviceName?: string } }[];
      services = [...new Set(spans.map((s) => s.localEndpoint?.serviceName ?? '?'))].sort();
      if (services.length >= want) return services;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return services;
}
