import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { UsageError } from './remote';

/**
 * Where a checkout writes: a hidden sibling of the target, renamed onto it only when every file
 * is in place and verified, so the target is either absent (or empty) or the complete version.
 */
export class CheckoutTarget {
  readonly staging: string;

  private constructor(
    readonly target: string,
    private readonly singleFile: boolean,
  ) {
    this.staging = join(dirname(target), `.${basename(target)}.checkout-${randomUUID().slice(0, 8)}`);
  }

  /** Refuses a target that holds anything: a checkout never merges into or overwrites files. */
  static async prepare(dir: string, singleFile: boolean): Promise<CheckoutTarget> {
    const target = resolve(dir);
    const existing = await stat(target).catch(() => undefined);
    if (existing && (singleFile || !existing.isDirectory() || (await readdir(target)).length > 0))
      throw new UsageError(`${dir} already exists${existing.isDirectory() ? ' and is not empty' : ''}`);
    const t = new CheckoutTarget(target, singleFile);
    await mkdir(singleFile ? dirname(target) : t.staging, { recursive: true });
    return t;
  }

  /** The staging path of a manifest entry; never outside the staging directory. */
  pathOf(entryPath: string): string {
    if (this.singleFile) return this.staging;
    const path = resolve(this.staging, entryPath);
    if (!path.startsWith(this.staging + sep)) throw new UsageError(`unsafe path in manifest: ${entryPath}`);
    return path;
  }

  async commit(): Promise<void> {
    // rename(2) replaces an empty directory atomically; a non-empty one was refused in prepare.
    await rename(this.staging, this.target);
  }

  abandon(): Promise<void> {
    return rm(this.staging, { recursive: true, force: true });
  }
}
