import { Option, type Command } from 'commander';
import { SERVICE_CATALOG, type ServiceName } from '@provenant/sdk';
import { serviceClient } from '../features/feature-clients';
import { printJson, printTable } from '../../output';

interface ParkedEvent {
  eventId: string;
  eventType: string;
  topic: string;
  bytes: number;
  createdAt: string;
  reason: string;
}

const SERVICES = SERVICE_CATALOG.map((s) => s.name);

/** The admin endpoints need the admin role: PROVENANT_TOKEN, or the development admin token. */
const adminClient = (service: ServiceName) => serviceClient(service, 30_000, 'dev-admin-token');

/**
 * `provenant outbox …`: events a service's outbox relay parked because Kafka refused them as too
 * large even alone, and their re-drive once the topic's `max.message.bytes` allows them.
 */
export function registerOutboxCommands(program: Command): void {
  const outbox = program.command('outbox').description("events the services' outboxes could not publish");
  const service = () => new Option('--service <name>', 'one service').choices(SERVICES);

  outbox
    .command('rejected')
    .description('list the events parked in outbox_rejected, per service')
    .addOption(service())
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { service?: ServiceName; json?: boolean }) => {
      const services = opts.service ? [opts.service] : SERVICES;
      const answers = await Promise.all(
        services.map(async (s) => ({
          service: s,
          ...(await adminClient(s).get<{ total: number; events: ParkedEvent[] }>('/admin/outbox/rejected', {
            limit: 1000,
          })),
        })),
      );
      if (opts.json) return printJson({ services: answers });
      const rows = answers.flatMap((a) =>
        a.events.map((e) => [a.service, e.eventId, e.eventType, e.topic, e.bytes, e.createdAt, e.reason]),
      );
      if (rows.length === 0) {
        process.stdout.write('no parked events\n');
        return;
      }
      printTable(['service', 'event id', 'type', 'topic', 'bytes', 'created', 'reason'], rows);
      for (const a of answers)
        if (a.total > a.events.length)
          process.stdout.write(`${a.service}: ${a.total - a.events.length} more not shown\n`);
    });

  outbox
    .command('redrive')
    .description('move parked events back into the outbox, to be published again')
    .addOption(service().makeOptionMandatory())
    .option('--event <id...>', 'the parked events to re-drive')
    .option('--all', 'every event the service parked')
    .action(async (opts: { service: ServiceName; event?: string[]; all?: boolean }) => {
      if (!opts.event === !opts.all) throw new Error('give either --event <id...> or --all');
      const { redriven } = await adminClient(opts.service).post<{ redriven: string[] }>(
        '/admin/outbox/redrive',
        opts.all ? { all: true } : { eventIds: opts.event },
      );
      process.stdout.write(
        `${opts.service}: ${redriven.length} event(s) back in the outbox${redriven.length ? `: ${redriven.join(', ')}` : ''}\n`,
      );
    });
}
