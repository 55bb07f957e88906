import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands';
import { ExitCode } from './output';
import { applyProjectConfig, ProjectConfigError } from './project-config';

const program = new Command('provenant')
  .description('Provenant: reproducible models and explainable predictions, from source to prediction.')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

try {
  applyProjectConfig();
} catch (err) {
  if (!(err instanceof ProjectConfigError)) throw err;
  process.stderr.write(`provenant: ${err.message}\n`);
  process.exit(ExitCode.config);
}
registerCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    return;
  }
  process.stderr.write(`provenant: ${(err as Error).message}\n`);
  process.exitCode = ExitCode.failed;
});
