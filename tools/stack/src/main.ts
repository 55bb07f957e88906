import { parseCliArgs, StackCommand, USAGE, UsageError } from './cli-args';
import { downStack, stackStatus, startService, stopService, upStack } from './stack-controller';
import { formatStatusTable } from './status-table';

async function run(command: StackCommand): Promise<number> {
  switch (command.command) {
    case 'help':
      console.log(USAGE);
      return 0;
    case 'up':
      await upStack({ docker: command.docker });
      return 0;
    case 'down':
      await downStack({ docker: command.docker });
      return 0;
    case 'start':
      await startService(command.service, { docker: command.docker });
      return 0;
    case 'stop':
      await stopService(command.service, { docker: command.docker });
      return 0;
    case 'status': {
      const services = await stackStatus();
      console.log(command.json ? JSON.stringify({ services }, null, 2) : formatStatusTable(services));
      return services.every((s) => s.state === 'up') ? 0 : 3;
    }
  }
}

async function main(argv: string[]): Promise<number> {
  try {
    return await run(parseCliArgs(argv));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`stack: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}

// Exit explicitly: client libraries may keep timers alive; the servers we start are detached anyway.
main(process.argv.slice(2)).then((code) => process.exit(code));
