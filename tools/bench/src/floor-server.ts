import { spawn } from 'node:child_process';

/**
 * A floor's minimal server (a `*-floor.script.ts` printing its URL once listening) in a process of
 * its own, like the service it is the floor of. In the bench's own process it would share the
 * client's event loop and skip the cross-process hop the service pays for.
 */
export async function startFloorServer(
  script: string,
  args: string[],
): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
  });
  const stop = () => child.kill('SIGTERM');
  process.once('exit', stop); // also when the bench fails before its own cleanup
  return { url, stop };
}
