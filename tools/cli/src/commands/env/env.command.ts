import type { Command } from 'commander';
import { registerCaptureCommand } from './capture.command';
import { registerCompareCommand } from './compare.command';
import { registerParityCommand } from './parity.command';
import { registerReproCommand } from './repro.command';
import { registerVerifyCommand } from './verify.command';

/** `provenant env …`: environment capture, verification, parity and comparison. */
export function registerEnvCommands(program: Command): void {
  const env = program
    .command('env')
    .description('environment fingerprints, verification against targets, parity and reproducibility');
  registerCaptureCommand(env);
  registerVerifyCommand(env);
  registerParityCommand(env);
  registerCompareCommand(env);
  registerReproCommand(env);
}
