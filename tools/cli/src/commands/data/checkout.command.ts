import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { BlobStore } from '@provenant/blob-store';
import { merkleRoot, type ManifestEntry } from '@provenant/dataset-hashing';
import { printJson } from '../../output';
import { CheckoutTarget } from './checkout-target';
import { fetchVersion, human, type DatasetVersionAnswer } from './dataset-ref';
import {
  blobStoreLib,
  dataRemote,
  FileTransferError,
  inParallel,
  parseJobs,
  transferProgress,
} from './remote';
import { reportTransferError } from './remote-errors';

interface CheckoutFlags {
  remote?: string;
  jobs: string;
  json?: boolean;
}

/**
 * `data checkout VERSION DIR`: restores a version byte for byte from the blob store. Every file is
 * verified against the manifest's SHA-256 as it streams; any failure leaves DIR untouched.
 */
export function registerCheckoutCommand(data: Command): void {
  data
    .command('checkout <version> <dir>')
    .description('restore a dataset version from the blob store into DIR (absent or empty), verified')
    .option('--remote <uri>', 's3://BUCKET[/PREFIX] or file:///DIR (default: $PROVENANT_DATA_REMOTE)')
    .option('--jobs <n>', 'parallel downloads', '8')
    .option('--json', 'print a summary as JSON')
    .action(async (ref: string, dir: string, flags: CheckoutFlags) => {
      try {
        const jobs = parseJobs(flags.jobs);
        const store = await dataRemote(flags.remote);
        const version = await fetchVersion(ref);
        const label = `${version.name}@v${version.version}`;
        if (merkleRoot(version.manifest) !== version.digest)
          throw new FileTransferError(
            `the registry's manifest of ${label} does not hash to ${version.digest}`,
          );
        const singleFile = version.manifest.length === 1 && version.manifest[0].path === '';
        const target = await CheckoutTarget.prepare(dir, singleFile);
        const progress = transferProgress('checkout', version.total_bytes, !flags.json);
        try {
          await inParallel(version.manifest, jobs, async (e) => {
            await restore(store, target, e, version);
            progress.file(e.size);
          });
          await target.commit();
        } catch (err) {
          await target.abandon();
          throw err;
        } finally {
          progress.stop();
        }
        const summary = { version: label, remote: store.uri, dir: target.target, files: version.file_count };
        if (flags.json) return printJson({ ...summary, bytes: version.total_bytes });
        process.stdout.write(
          `checked out ${label} into ${dir}: ${version.file_count} files (${human(version.total_bytes)}), ` +
            `each verified against ${version.digest}\n`,
        );
      } catch (err) {
        reportTransferError(err);
      }
    });
}

async function restore(store: BlobStore, target: CheckoutTarget, e: ManifestEntry, v: DatasetVersionAnswer) {
  const file = target.pathOf(e.path);
  const name = e.path === '' ? (v.path ?? v.name) : e.path;
  const where = `${name} of ${v.name}@v${v.version}`;
  const { BlobIntegrityError, BlobNotFoundError } = await blobStoreLib();
  try {
    await mkdir(dirname(file), { recursive: true });
    await pipeline(await store.open(`sha256:${e.sha256}`), createWriteStream(file));
  } catch (err) {
    if (err instanceof BlobIntegrityError)
      throw new FileTransferError(
        `${where}: the copy in ${store.uri} is corrupt (expected sha256:${e.sha256}, got ${err.actual}); ` +
          `nothing was written to the target`,
      );
    if (err instanceof BlobNotFoundError)
      throw new FileTransferError(`${where} is not in ${store.uri}: run data push ${v.name}@v${v.version}`);
    throw err;
  }
  const { size } = await stat(file);
  if (size !== e.size)
    throw new FileTransferError(`${where}: restored ${size} bytes, manifest says ${e.size}`);
}
