import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { printJson } from '../../output';
import { fetchVersion, human } from './dataset-ref';
import {
  blobStoreLib,
  dataRemote,
  FileTransferError,
  inParallel,
  parseJobs,
  transferProgress,
  UsageError,
} from './remote';
import { reportTransferError } from './remote-errors';

interface PushFlags {
  remote?: string;
  path?: string;
  jobs: string;
  json?: boolean;
}

/**
 * `data push VERSION`: uploads the version's files to the blob store by SHA-256. Content the store
 * already holds is not read at all, and each upload is checked against the manifest before it
 * lands, so the remote only ever holds exactly what was registered.
 */
export function registerPushCommand(data: Command): void {
  data
    .command('push <version>')
    .description("upload a dataset version's files to the blob store (content already there is skipped)")
    .option('--remote <uri>', 's3://BUCKET[/PREFIX] or file:///DIR (default: $PROVENANT_DATA_REMOTE)')
    .option('--path <dir>', 'where the files are (default: the path recorded by data add)')
    .option('--jobs <n>', 'parallel uploads', '8')
    .option('--json', 'print a summary as JSON')
    .action(async (ref: string, flags: PushFlags) => {
      try {
        const jobs = parseJobs(flags.jobs);
        const store = await dataRemote(flags.remote);
        const { BlobIntegrityError } = await blobStoreLib();
        const version = await fetchVersion(ref);
        const root = flags.path ?? version.path;
        if (!root) throw new UsageError(`${ref} has no recorded path: pass --path DIR`);
        // Identical files share a blob: each digest is uploaded (or skipped) once.
        const byDigest = new Map(version.manifest.map((e) => [e.sha256, e]));
        const total = [...byDigest.values()].reduce((n, e) => n + e.size, 0);
        const progress = transferProgress('push', total, !flags.json);
        const s = { uploaded: 0, skipped: 0, bytes_uploaded: 0 };
        try {
          await inParallel([...byDigest.values()], jobs, async (e) => {
            const digest = `sha256:${e.sha256}`;
            if (await store.has(digest)) s.skipped++;
            else {
              const file = join(root, e.path);
              await store.put(createReadStream(file), { expected: digest }).catch((err: unknown) => {
                if (err instanceof BlobIntegrityError)
                  throw new FileTransferError(
                    `${file} changed since ${version.name}@v${version.version} was registered ` +
                      `(expected ${digest}, found ${err.actual}); nothing was uploaded for it`,
                  );
                throw err;
              });
              s.uploaded++;
              s.bytes_uploaded += e.size;
            }
            progress.file(e.size);
          });
        } finally {
          progress.stop();
        }
        const summary = { version: `${version.name}@v${version.version}`, remote: store.uri, ...s };
        if (flags.json) return printJson({ ...summary, files: version.manifest.length });
        process.stdout.write(
          `pushed ${summary.version} to ${store.uri}: ${s.uploaded} blobs uploaded ` +
            `(${human(s.bytes_uploaded)}), ${s.skipped} already there\n`,
        );
      } catch (err) {
        reportTransferError(err);
      }
    });
}
