import { SingleBar } from 'cli-progress';
import type { BlobStore } from '@provenant/blob-store';
import { human } from './dataset-ref';

/** A problem with the command line (exit 2), as opposed to a failed transfer (exit 1). */
export class UsageError extends Error {}

/** A transfer that failed because of one file of the version; the message names it. */
export class FileTransferError extends Error {}

/** Loaded on first use: the AWS SDK adds about 0.4 s of CPU to startup that other commands need not pay. */
export const blobStoreLib = () => import('@provenant/blob-store');

/**
 * The blob store dataset content moves through: `--remote`, else `PROVENANT_DATA_REMOTE`.
 * S3 endpoint, region and credentials come from the usual variables (S3_ENDPOINT_URL, AWS_*).
 */
export async function dataRemote(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BlobStore> {
  const { blobStoreFromUri } = await blobStoreLib();
  const uri = flag ?? env.PROVENANT_DATA_REMOTE;
  if (!uri)
    throw new UsageError(
      'no data remote: pass --remote s3://BUCKET[/PREFIX] (or file:///DIR), or set PROVENANT_DATA_REMOTE',
    );
  try {
    return blobStoreFromUri(uri, env);
  } catch (err) {
    throw new UsageError(`--remote: ${(err as Error).message}`);
  }
}

/**
 * Runs `work` over the items with at most `limit` in flight. The first failure stops new work;
 * it is thrown once everything in flight has settled, so the caller can clean up safely.
 */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++];
      await work(item).catch((err: unknown) => {
        failure ??= { err };
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.err;
}

export function parseJobs(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--jobs: expected 1 to 64, got "${raw}"`);
  return n;
}

/** A byte-counting progress bar on stderr, only for people (a terminal, no --json). */
export function transferProgress(verb: string, totalBytes: number, show: boolean) {
  const bar =
    show && process.stderr.isTTY
      ? new SingleBar({
          format: `${verb} |{bar}| {percentage}% | {done} of {all} | {files} files`,
          stream: process.stderr,
          hideCursor: true,
        })
      : undefined;
  let done = 0;
  let files = 0;
  const payload = () => ({ done: human(done), all: human(totalBytes), files });
  bar?.start(Math.max(totalBytes, 1), 0, payload());
  return {
    file(bytes: number) {
      done += bytes;
      files += 1;
      bar?.update(done, payload());
    },
    stop: () => bar?.stop(),
  };
}
