import { isServiceName, SERVICE_NAMES, ServiceName } from './endpoints';

export type StackCommand =
  | { command: 'up' | 'down'; docker: boolean }
  | { command: 'status'; docker: boolean; json: boolean }
  | { command: 'start' | 'stop'; docker: boolean; service: ServiceName }
  | { command: 'help' };

export class UsageError extends Error {}

export const USAGE = `Usage: npm run stack -- <command> [--docker]

Commands:
  up              use reachable Kafka/PostgreSQL/Redis, start the missing ones natively
  down            stop what \`up\` started (never anything else)
  status [--json] what runs where, and who started it
  start <service> start one of ${SERVICE_NAMES.join('|')} (keeps its data)
  stop <service>  stop one service that \`up\` started

Options:
  --docker        use \`docker compose\` (also PROVENANT_STACK=docker); needs a Docker engine
  --json          machine-readable status

Environment: KAFKA_BROKERS, DATABASE_URL, REDIS_URL (see docs/operations.md).`;

export function parseCliArgs(argv: readonly string[]): StackCommand {
  const flags = new Set(argv.filter((arg) => arg.startsWith('-')));
  const positionals = argv.filter((arg) => !arg.startsWith('-'));
  if (flags.has('-h') || flags.has('--help') || positionals[0] === 'help') return { command: 'help' };
  for (const flag of flags) {
    if (flag !== '--docker' && flag !== '--json') throw new UsageError(`unknown option ${flag}`);
  }
  const [command, ...rest] = positionals;
  const docker = flags.has('--docker');
  if (flags.has('--json') && command !== 'status') throw new UsageError('--json only applies to status');
  switch (command) {
    case 'up':
    case 'down':
    case 'status':
      if (rest.length > 0) throw new UsageError(`${command} takes no arguments (got ${rest.join(' ')})`);
      return command === 'status' ? { command, docker, json: flags.has('--json') } : { command, docker };
    case 'start':
    case 'stop': {
      if (rest.length !== 1 || !isServiceName(rest[0])) {
        throw new UsageError(`${command} needs one service: ${SERVICE_NAMES.join(', ')}`);
      }
      return { command, docker, service: rest[0] };
    }
    case undefined:
      throw new UsageError('missing command');
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}
