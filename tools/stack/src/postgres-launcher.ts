import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { requireExecutable } from './debian-packages';
import { LaunchContext, NativeLauncher } from './native-launcher';
import { postgresDirs, serverOwner, SUPERUSER } from './postgres-dirs';
import { ensureDatabaseAndRole } from './postgres-roles';
import { spawnDetached } from './process-control';
import { probePostgres } from './service-probes';

const run = promisify(execFile);

export const postgresLauncher: NativeLauncher = {
  service: 'postgres',
  // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM ("smart") waits for every client to leave.
  stopSignal: 'SIGINT',
  stopGraceMs: 30_000,
  readyTimeoutMs: 60_000,

  async launch(context) {
    const log = (line: string) => context.log(`postgres: ${line}`);
    // realpath: a /usr/local/bin symlink must not hide which major version (and initdb) this is
    const bin = path.dirname(
      fs.realpathSync(await requireExecutable('postgres', 'postgresql', log, debianBinDirs)),
    );
    const owner = serverOwner();
    const dirs = postgresDirs(context.paths, owner);
    if (dirs.relocated) log(`the postgres user cannot reach .state; the cluster lives in ${dirs.base}`);
    // The server user must traverse base; data and socket folders are private to it.
    for (const dir of [dirs.base, path.dirname(dirs.log)]) fs.mkdirSync(dir, { recursive: true });
    if (owner) fs.chmodSync(dirs.base, 0o755); // whatever the umask
    for (const dir of [dirs.data, dirs.socket]) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (owner) fs.chownSync(dir, owner.uid, owner.gid);
    }

    if (!fs.existsSync(path.join(dirs.data, 'PG_VERSION'))) {
      log(
        `creating a cluster in ${dirs.relocated ? dirs.data : path.relative(context.paths.repoRoot, dirs.data)} (first run only)…`,
      );
      // Password (SCRAM) on TCP so the URL's credentials and the services' restricted roles are
      // really checked; trust only on the unix socket, whose folder is private to the server user.
      const args = ['-D', dirs.data, '-U', SUPERUSER, '--auth-host=scram-sha-256', '--auth-local=trust'];
      await run(path.join(bin, 'initdb'), [...args, '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions'], {
        uid: owner?.uid,
        gid: owner?.gid,
        cwd: dirs.base,
      }).catch((error: { stderr?: string }) => {
        throw new Error(`postgres: initdb failed: ${error.stderr ?? String(error)}`);
      });
    }
    checkMajorVersion(bin, dirs.data);

    const args = ['-D', dirs.data, '-p', String(context.address.port), '-c', 'listen_addresses=127.0.0.1'];
    const pid = spawnDetached(
      path.join(bin, 'postgres'),
      [...args, '-c', `unix_socket_directories=${dirs.socket}`],
      {
        logFile: dirs.log,
        cwd: dirs.base,
        uid: owner?.uid,
        gid: owner?.gid,
      },
    );
    return { pid, commandMarker: 'postgres', logFile: dirs.log, spawnedAt: Date.now() };
  },

  readinessProbe(context) {
    return probePostgres(superuserConnection(context));
  },

  afterReady(context) {
    return ensureDatabaseAndRole(superuserConnection(context), context.endpoints.databaseUrl);
  },
};

function superuserConnection(context: LaunchContext) {
  return {
    host: postgresDirs(context.paths).socket,
    port: context.address.port,
    user: SUPERUSER,
    database: 'postgres',
  };
}

/** Debian keeps each major version apart; prefer the newest. */
function debianBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(root, v, 'bin'));
}

function checkMajorVersion(bin: string, data: string): void {
  const clusterVersion = fs.readFileSync(path.join(data, 'PG_VERSION'), 'utf8').trim();
  const binVersion = path.basename(path.dirname(bin));
  if (/^\d+$/.test(binVersion) && binVersion !== clusterVersion) {
    throw new Error(
      `postgres: ${data} was created by PostgreSQL ${clusterVersion} but the binaries are ${binVersion}; ` +
        'remove .state/postgres to start afresh (docs/operations.md, "Reset")',
    );
  }
}
