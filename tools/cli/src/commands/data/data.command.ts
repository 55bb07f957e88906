import type { Command } from 'commander';
import { registerAddCommand } from './add.command';
import { registerCheckoutCommand } from './checkout.command';
import { registerDiffCommand } from './diff.command';
import { registerImportDvcCommand } from './import-dvc.command';
import { registerPushCommand } from './push.command';
import { registerVerifyCommand } from './verify.command';

/** `provenant data …`: versioned datasets with SHA-256 manifests and DVC-compatible MD5s. */
export function registerDataCommands(program: Command): void {
  const data = program
    .command('data')
    .description('dataset versions: add, diff, verify, import-dvc, push, checkout');
  registerAddCommand(data);
  registerDiffCommand(data);
  registerVerifyCommand(data);
  registerImportDvcCommand(data);
  registerPushCommand(data);
  registerCheckoutCommand(data);
}
