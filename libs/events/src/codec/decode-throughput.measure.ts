// Quick measurement of decode throughput on one core (not a test; `npm run bench -- events` is the
// real benchmark):  node -r @swc-node/register libs/events/src/codec/decode-throughput.measure.ts
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EventCodec } from './event-codec';

const VECTORS = join(resolve(__dirname, '../../../..'), 'schemas/vectors');
const codec = EventCodec.fromContracts();

function measure(eventType: string, iterations: number): void {
  const message = readFileSync(join(VECTORS, `${eventType}.bin`));
  for (let i = 0; i < 50_000; i++) codec.decode(message); // warm-up for the JIT
  // CPU time of this process rather than wall time: the figure is per core even on a busy machine.
  const start = process.cpuUsage();
  const wallStart = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) codec.decode(message);
  const used = process.cpuUsage(start);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
  const rate = (seconds: number): string => Math.round(iterations / seconds).toLocaleString('en');
  console.log(
    `${eventType.padEnd(24)} ${String(message.length).padStart(5)} bytes  ${rate(cpuSeconds)} decodes/s per CPU-second (${rate(wallSeconds)}/s wall)`,
  );
}

for (const eventType of [
  'RunTagsSet',
  'ArtifactLogged',
  'FeatureRowsIngested',
  'PredictionMade',
  'RunCompleted',
]) {
  measure(eventType, 1_000_000);
}
