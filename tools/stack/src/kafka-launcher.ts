import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { requireExecutable } from './debian-packages';
import { resolveKafkaClasspath } from './kafka-classpath';
import { NativeLauncher } from './native-launcher';
import { spawnDetached } from './process-control';
import { serviceStateDir, StackPaths } from './stack-paths';

const run = promisify(execFile);

export const kafkaLauncher: NativeLauncher = {
  service: 'kafka',
  // SIGTERM runs kafka.Kafka's shutdown hook (controlled shutdown, clean log flush).
  stopSignal: 'SIGTERM',
  stopGraceMs: 30_000,
  readyTimeoutMs: 90_000,

  async launch(context) {
    const log = (line: string) => context.log(`kafka: ${line}`);
    const java = await requireExecutable('java', 'openjdk-17-jre-headless', log);
    const classpath = await resolveKafkaClasspath(context.paths, context.log);
    const dirs = kafkaDirs(context.paths);
    fs.mkdirSync(dirs.data, { recursive: true });
    writeServerProperties(context.paths, dirs, context.address.port);
    const jvm = jvmOptions(context.paths, classpath);

    // Formatted once: later starts reuse the data, so a stop/start keeps topics and offsets.
    if (!fs.existsSync(path.join(dirs.data, 'meta.properties'))) {
      log(`formatting ${path.relative(context.paths.repoRoot, dirs.data)} (first run only)…`);
      const args = [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', dirs.properties];
      await run(java, args).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(
          `kafka: formatting the storage failed:\n${error.stdout ?? ''}${error.stderr ?? String(error)}`,
        );
      });
    }
    const pid = spawnDetached(java, [...jvm, 'kafka.Kafka', dirs.properties], {
      logFile: dirs.log,
      cwd: dirs.base,
    });
    return { pid, commandMarker: 'kafka.Kafka', logFile: dirs.log, spawnedAt: Date.now() };
  },
};

export function kafkaDirs(paths: StackPaths) {
  const base = serviceStateDir(paths, 'kafka');
  return {
    base,
    data: path.join(base, 'data'),
    properties: path.join(base, 'server.properties'),
    log: path.join(base, 'broker.log'),
  };
}

/**
 * tools/stack/kafka/server.properties plus this machine's paths and ports; the controller listens
 * on the broker port + 1. StorageTool takes no --override, so both it and the broker read this copy.
 */
function writeServerProperties(paths: StackPaths, dirs: ReturnType<typeof kafkaDirs>, port: number): void {
  const base = fs.readFileSync(path.join(paths.kafkaConfigDir, 'server.properties'), 'utf8');
  const controller = port + 1;
  const local = [
    '# --- appended by tools/stack for this machine (later keys win) ---',
    `log.dirs=${dirs.data}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    `controller.quorum.voters=1@127.0.0.1:${controller}`,
  ];
  fs.writeFileSync(dirs.properties, `${base.trimEnd()}\n\n${local.join('\n')}\n`);
}

function jvmOptions(paths: StackPaths, classpath: string): string[] {
  return [
    // A development broker: small heap; SerialGC and C1-only start faster and use fewer threads.
    ...['-Xms128m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true'],
    `-Dlog4j2.configurationFile=${path.join(paths.kafkaConfigDir, 'log4j2.properties')}`,
    ...['-cp', classpath],
  ];
}

/** Kafka's own Uuid.randomUuid() re-rolls ids starting with "-", which would parse as a flag. */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
