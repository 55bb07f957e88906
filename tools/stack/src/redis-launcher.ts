import fs from 'node:fs';
import path from 'node:path';
import { requireExecutable } from './debian-packages';
import { NativeLauncher } from './native-launcher';
import { spawnDetached } from './process-control';
import { serviceStateDir } from './stack-paths';

export const redisLauncher: NativeLauncher = {
  service: 'redis',
  stopSignal: 'SIGTERM',
  stopGraceMs: 10_000,
  readyTimeoutMs: 60_000,

  async launch(context) {
    const log = (line: string) => context.log(`redis: ${line}`);
    const server = await requireExecutable('redis-server', 'redis-server', log, () => [
      '/usr/bin',
      '/usr/sbin',
    ]);
    const dir = serviceStateDir(context.paths, 'redis');
    fs.mkdirSync(dir, { recursive: true });
    const logFile = path.join(dir, 'redis.log');
    const password = new URL(context.endpoints.redisUrl).password;
    const args = [
      ...['--bind', '127.0.0.1', '--port', String(context.address.port), '--dir', dir],
      // Foreground so the pid we record is the server's own; the log goes to its stdout, which we redirect.
      ...['--daemonize', 'no', '--logfile', ''],
      // A development cache: no snapshots or AOF to write, restarts start empty.
      ...['--save', '', '--appendonly', 'no'],
      ...(password ? ['--requirepass', decodeURIComponent(password)] : []),
    ];
    const pid = spawnDetached(server, args, { logFile, cwd: dir });
    return { pid, commandMarker: 'redis-server', logFile, spawnedAt: Date.now() };
  },
};
