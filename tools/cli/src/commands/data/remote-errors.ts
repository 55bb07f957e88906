import { ExitCode } from '../../output';
import { reportRegistryError } from '../models/registry-client';
import { FileTransferError, UsageError } from './remote';

/** One line on stderr and the exit code scripts branch on: 2 usage, 1 failed transfer. */
export function reportTransferError(err: unknown): void {
  const code = (err as NodeJS.ErrnoException).code;
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = ExitCode.usage;
  } else if (err instanceof FileTransferError) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = ExitCode.failed;
  } else if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
    process.stderr.write(`cannot read ${(err as NodeJS.ErrnoException).path}: ${code}\n`);
    process.exitCode = ExitCode.failed;
  } else if (err instanceof Error && err.name !== 'ServiceError' && '$metadata' in err) {
    // An S3 error: its name (NoSuchBucket, AccessDenied, …) says what to fix.
    process.stderr.write(`blob store: ${err.name}: ${err.message}\n`);
    process.exitCode = ExitCode.unavailable;
  } else reportRegistryError(err);
}
