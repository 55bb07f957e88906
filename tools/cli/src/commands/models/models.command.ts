import type { Command } from 'commander';
import { registerCardCommand } from './card.command';
import { registerHistoryCommand } from './history.command';
import { registerPolicyCommands } from './policy.command';
import { registerPromoteCommands } from './promote.command';
import { registerRegisterCommand } from './register.command';

/** `provenant models …`: the model registry and governed promotion. */
export function registerModelsCommands(program: Command): void {
  const models = program
    .command('models')
    .description('model registry: register versions, governed promotion, history');
  registerRegisterCommand(models);
  registerPolicyCommands(models);
  registerPromoteCommands(models);
  registerHistoryCommand(models);
  registerCardCommand(models);
}
