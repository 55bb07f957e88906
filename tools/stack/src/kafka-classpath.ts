import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { requireExecutable } from './debian-packages';
import { StackPaths } from './stack-paths';

const run = promisify(execFile);

export interface CachedClasspath {
  classpath: string;
  /** sha256 of the pom.xml it was resolved from: a version bump in the pom invalidates the cache */
  pomSha256: string;
}

/** The cache is usable only for the same pom and while every jar is still in ~/.m2. */
export function isClasspathUsable(
  cached: CachedClasspath | undefined,
  pomSha256: string,
  exists: (file: string) => boolean = fs.existsSync,
): cached is CachedClasspath {
  if (!cached || cached.pomSha256 !== pomSha256) return false;
  const jars = cached.classpath.split(path.delimiter).filter(Boolean);
  return jars.length > 0 && jars.every((jar) => jar.endsWith('.jar') && exists(jar));
}

/**
 * The broker's classpath, pointing into ~/.m2: Maven fetches the jars once, and the resolved
 * list is cached in .state so later starts need neither Maven nor the network.
 */
export async function resolveKafkaClasspath(paths: StackPaths, log: (line: string) => void): Promise<string> {
  const pom = path.join(paths.kafkaConfigDir, 'pom.xml');
  const dir = path.join(paths.stateDir, 'kafka');
  const cacheFile = path.join(dir, 'classpath.json');
  const pomSha256 = createHash('sha256').update(fs.readFileSync(pom)).digest('hex');
  const cached = readCache(cacheFile);
  if (isClasspathUsable(cached, pomSha256)) return cached.classpath;

  const mvn = await requireExecutable('mvn', 'maven', (line) => log(`kafka: ${line}`));
  log('kafka: fetching jars from Maven Central (first run only)…');
  const started = Date.now();
  fs.mkdirSync(dir, { recursive: true });
  const output = path.join(dir, 'classpath.txt');
  const args = [
    '-B',
    '-q',
    '-f',
    pom,
    'dependency:build-classpath',
    `-Dmdep.outputFile=${output}`,
    '-Dmdep.includeScope=runtime',
  ];
  await run(mvn, args, { maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      const detail = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim().slice(-2000);
      throw new Error(`kafka: Maven could not resolve ${path.relative(paths.repoRoot, pom)}:\n${detail}`);
    },
  );
  const classpath = fs.readFileSync(output, 'utf8').trim();
  fs.writeFileSync(cacheFile, JSON.stringify({ classpath, pomSha256 } satisfies CachedClasspath));
  const jars = classpath.split(path.delimiter).length;
  log(`kafka: ${jars} jars resolved in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return classpath;
}

function readCache(file: string): CachedClasspath | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as CachedClasspath;
  } catch {
    return undefined;
  }
}
