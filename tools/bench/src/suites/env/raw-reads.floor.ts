import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const read = (path: string) => readFile(path).catch(() => null);
const spawn = (cmd: string, args: string[]) => new Promise<void>((done) => execFile(cmd, args, () => done()));

/**
 * The floor of a capture: the same files read and the same small programs started, concurrently,
 * with nothing parsed, canonicalized or hashed. `python` is the interpreter the capture resolves.
 */
export async function rawReads(root: string, lockfiles: string[], python: string | null): Promise<void> {
  await Promise.all([
    read('/etc/os-release'),
    read('/proc/cpuinfo'),
    read('/proc/1/cgroup'),
    read(join(root, '.git', 'HEAD')),
    ...lockfiles.map((file) => read(join(root, file))),
    spawn('getconf', ['GNU_LIBC_VERSION']),
    spawn('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no']),
    ...(python ? [spawn(python, ['--version'])] : []),
  ]);
}
