import fs from 'node:fs';
import { sleep } from './process-control';
import { isRunning } from './process-identity';
import { StackPaths } from './stack-paths';

const WAIT_LIMIT_MS = 300_000;

/**
 * One stack command at a time per state folder (e.g. `npm test` and `npm start` in two terminals),
 * so two of them never start the same server twice. A lock left by a dead process is taken over.
 */
export async function withStackLock<T>(
  paths: StackPaths,
  log: (line: string) => void,
  work: () => Promise<T>,
): Promise<T> {
  fs.mkdirSync(paths.stateDir, { recursive: true });
  const deadline = Date.now() + WAIT_LIMIT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(paths.lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readOrEmpty(paths.lockFile));
    if (!Number.isInteger(holder) || holder <= 0 || !isRunning(holder)) {
      fs.rmSync(paths.lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`stack: another stack command (pid ${holder}) holds ${paths.lockFile}`);
    if (!announced) log(`stack: waiting for another stack command to finish (pid ${holder})…`);
    announced = true;
    await sleep(250);
  }
  try {
    return await work();
  } finally {
    if (readOrEmpty(paths.lockFile) === String(process.pid)) fs.rmSync(paths.lockFile, { force: true });
  }
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}
