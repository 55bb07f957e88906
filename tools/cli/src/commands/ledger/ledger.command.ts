import type { Command } from 'commander';
import { registerLedgerVerifyCommand } from './ledger-verify.command';

/** `provenant ledger …`: the audit ledger, checked from outside. */
export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('the tamper-evident audit ledger');
  registerLedgerVerifyCommand(ledger);
}
