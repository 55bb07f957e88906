import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { serviceStateDir, StackPaths } from './stack-paths';

export const SUPERUSER = 'postgres';

export interface ServerOwner {
  uid: number;
  gid: number;
}

export interface PostgresDirs {
  base: string;
  data: string;
  /** unix socket folder, private to the server user: the superuser's trust login goes through it */
  socket: string;
  /** always in .state: root writes it and hands the server an open descriptor */
  log: string;
  /** true when the server user cannot reach .state and the cluster lives in /var/tmp instead */
  relocated: boolean;
}

let cachedOwner: { value: ServerOwner | undefined } | undefined;

/** PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` OS user. */
export function serverOwner(): ServerOwner | undefined {
  cachedOwner ??= { value: lookupServerOwner() };
  return cachedOwner.value;
}

function lookupServerOwner(): ServerOwner | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'postgres: running as root needs the `postgres` OS user, which the postgresql package creates',
    );
  }
}

/**
 * The cluster lives in .state/postgres, unless the repo sits where the `postgres` user cannot
 * go (e.g. under a mode-700 /root): then in /var/tmp, in a folder named after the repo path.
 */
export function postgresDirs(paths: StackPaths, owner = serverOwner()): PostgresDirs {
  const inState = serviceStateDir(paths, 'postgres');
  const relocated = owner !== undefined && !canTraverse(paths.stateDir, owner);
  const repoId = createHash('sha256').update(paths.stateDir).digest('hex').slice(0, 12);
  const base = relocated ? path.join('/var/tmp', `provenant-stack-${repoId}`, 'postgres') : inState;
  return {
    base,
    data: path.join(base, 'data'),
    socket: path.join(base, 'run'),
    log: path.join(inState, 'postgres.log'),
    relocated,
  };
}

function canTraverse(dir: string, owner: ServerOwner): boolean {
  return spawnSync('test', ['-x', dir], { uid: owner.uid, gid: owner.gid }).status === 0;
}
