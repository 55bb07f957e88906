import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface FileDigests {
  sha256: string;
  md5: string;
  size: number;
}

// Plain JavaScript so the worker runs without a TypeScript loader. Synchronous 1 MiB reads keep
// one core busy per worker: Node's hashing runs on the calling thread, so threads are the only
// way to use more than one core for SHA-256 + MD5.
const WORKER = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const buf = Buffer.allocUnsafe(1 << 20);
parentPort.on('message', ({ id, path }) => {
  let fd;
  try {
    fd = openSync(path, 'r');
    const sha = createHash('sha256'), md5 = createHash('md5');
    let size = 0, n;
    while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) {
      const chunk = buf.subarray(0, n);
      sha.update(chunk); md5.update(chunk); size += n;
    }
    parentPort.postMessage({ id, sha256: sha.digest('hex'), md5: md5.digest('hex'), size });
  } catch (e) {
    parentPort.postMessage({ id, error: (e && e.code) || String(e) });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
});`;

/** A pool of hashing threads, one per core (at most 8); close() when done. */
export class HashPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<
    number,
    { resolve: (d: FileDigests) => void; reject: (e: Error) => void }
  >();
  private nextId = 0;
  private turn = 0;

  constructor(size = Math.min(availableParallelism(), 8)) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const w = new Worker(WORKER, { eval: true });
      w.on('message', (m: FileDigests & { id: number; error?: string }) => {
        const p = this.pending.get(m.id)!;
        this.pending.delete(m.id);
        if (m.error) p.reject(Object.assign(new Error(`${m.error}: cannot hash file`), { code: m.error }));
        else p.resolve({ sha256: m.sha256, md5: m.md5, size: m.size });
      });
      return w;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  hash(path: string): Promise<FileDigests> {
    const id = this.nextId++;
    const worker = this.workers[this.turn++ % this.workers.length];
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, path });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
