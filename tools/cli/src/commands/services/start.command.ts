import type { Command } from 'commander';
import { downStack, stopZipkin, upStack } from '@provenant/stack';
import { SERVICE_CATALOG, serviceUrl, type ServiceName } from '@provenant/sdk';
import { ExitCode, printJson, printTable } from '../../output';
import { startService, stopService, waitReady } from './service-supervisor';

const ALL = SERVICE_CATALOG.map((s) => s.name);

function pick(names: string[]): ServiceName[] {
  const unknown = names.filter((n) => !(ALL as string[]).includes(n));
  if (unknown.length) throw new Error(`unknown service ${unknown.join(', ')} (known: ${ALL.join(', ')})`);
  return (names.length ? names : ALL) as ServiceName[];
}

export function registerServiceCommands(program: Command): void {
  program
    .command('start [services...]')
    .description('start the local stack and the services (default: all six), detached; wait until ready')
    .option('--json', 'print JSON instead of a table')
    .option('--timeout <seconds>', 'how long to wait for readiness', '90')
    .action(async (names: string[], opts: { json?: boolean; timeout: string }) => {
      const services = pick(names);
      const { endpoints } = await upStack({ log: (line) => process.stderr.write(`${line}\n`) });
      const started = services.map((name) => ({ name, ...startService(name, endpoints) }));
      const ready = await Promise.all(services.map((name) => waitReady(name, Number(opts.timeout) * 1000)));
      const rows = started.map((s, i) => ({
        service: s.name,
        url: serviceUrl(s.name),
        pid: s.pid,
        started: s.started,
        ...ready[i],
      }));
      if (opts.json) printJson(rows);
      else {
        printTable(
          ['service', 'url', 'pid', 'state'],
          rows.map((r) => [r.service, r.url, r.pid, r.ready ? 'ready' : `NOT READY: ${r.detail}`]),
        );
        process.stdout.write(
          'API docs: <url>/docs · metrics: <url>/metrics · logs: .state/logs/<service>.log · stop: npm stop\n',
        );
      }
      process.exitCode = rows.every((r) => r.ready) ? ExitCode.ok : ExitCode.unavailable;
    });

  program
    .command('stop [services...]')
    .description('stop services started by `provenant start` (default: all); --stack also stops the stack')
    .option('--stack', "also stop Kafka, PostgreSQL, Redis (if the stack started them) and the demo's Zipkin")
    .action(async (names: string[], opts: { stack?: boolean }) => {
      for (const name of pick(names)) {
        process.stdout.write(`${name}: ${(await stopService(name)) ? 'stopped' : 'was not running'}\n`);
      }
      if (opts.stack) {
        if (await stopZipkin()) process.stdout.write('zipkin: stopped\n');
        await downStack({ log: (line) => process.stdout.write(`${line}\n`) });
      }
    });
}
