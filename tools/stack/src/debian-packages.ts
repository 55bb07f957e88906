import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/** Looks in `preferredDirs` first (e.g. Debian's versioned PostgreSQL folders), then PATH. */
export function findExecutable(name: string, preferredDirs: string[] = []): string | undefined {
  const dirs = [...preferredDirs, ...(process.env.PATH ?? '').split(path.delimiter)].filter(Boolean);
  return dirs.map((dir) => path.join(dir, name)).find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// dpkg holds a global lock: installs requested by services starting in parallel must queue.
let aptQueue: Promise<unknown> = Promise.resolve();

/**
 * Installs a Debian package when we are root; otherwise fails with the command to run.
 * Debian's postinst scripts would start the packaged service (a system Redis on 6379, the
 * `main` PostgreSQL cluster on 5432) and take the ports the stack wants; a temporary
 * policy-rc.d answering 101 ("action forbidden", invoke-rc.d(8)) stops that, only if none exists.
 */
export function installDebianPackage(pkg: string, log: (line: string) => void): Promise<void> {
  const next = aptQueue.then(async () => {
    if (process.getuid?.() !== 0) {
      throw new Error(
        `${pkg} is not installed and this is not root: run \`sudo apt-get install -y ${pkg}\`, then retry`,
      );
    }
    if (!findExecutable('apt-get'))
      throw new Error(`${pkg} is not installed and apt-get is not available here`);
    log(`installing ${pkg} with apt-get (first run only)…`);
    const ownPolicy = !fs.existsSync(POLICY_RC_D);
    if (ownPolicy)
      fs.writeFileSync(
        POLICY_RC_D,
        '#!/bin/sh\n# written by provenant-stack during apt-get install\nexit 101\n',
        { mode: 0o755 },
      );
    try {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      const options = { env, maxBuffer: 64 * 1024 * 1024 };
      await run('apt-get', ['update', '-qq'], options);
      await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], options);
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`apt-get install ${pkg} failed:\n${(stderr || stdout || String(error)).slice(-2000)}`);
    } finally {
      if (ownPolicy) fs.rmSync(POLICY_RC_D, { force: true });
    }
  });
  aptQueue = next.catch(() => undefined);
  return next;
}

/** Returns the executable's path, installing `pkg` first when it is missing. */
export async function requireExecutable(
  name: string,
  pkg: string,
  log: (line: string) => void,
  preferredDirs: () => string[] = () => [],
): Promise<string> {
  const found = findExecutable(name, preferredDirs());
  if (found) return found;
  await installDebianPackage(pkg, log);
  const installed = findExecutable(name, preferredDirs());
  if (!installed) throw new Error(`${pkg} was installed but ${name} is still not found`);
  return installed;
}
