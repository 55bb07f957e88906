// Quick measurement of decode throughput on one core (not a test; `npm run bench -- events` is the
// real benchmark):  node -r @swc-node/register libs/events/src/codec/decode-throughput.measure.ts
// Beside each figure: plain avsc `Type#fromBuffer` of the same datum, the floor the codec adds to.
import * as avro from 'avsc';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EVENT_SCHEMAS, EventType } from '@provenant/contracts';
import { EventCodec } from './event-codec';

const VECTORS = join(resolve(__dirname, '../../../..'), 'schemas/vectors');
const codec = EventCodec.fromContracts();

/** Best of several rounds, in operations per CPU-second of this process: per core even on a busy machine. */
function bestRate(operation: () => unknown, rounds = 15, iterations = 200_000): number {
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < iterations; i++) operation();
    const used = process.cpuUsage(start);
    best = Math.max(best, iterations / ((used.user + used.system) / 1e6));
  }
  return best;
}

const format = (rate: number): string => Math.round(rate).toLocaleString('en').padStart(9);
for (const eventType of [
  'RunTagsSet',
  'ArtifactLogged',
  'FeatureRowsIngested',
  'PredictionMade',
  'RunCompleted',
] as EventType[]) {
  const message = readFileSync(join(VECTORS, `${eventType}.bin`));
  const datum = message.subarray(10);
  const plain = avro.Type.forSchema(EVENT_SCHEMAS[eventType] as avro.Schema);
  const ours = bestRate(() => codec.decode(message));
  const floor = bestRate(() => plain.fromBuffer(datum));
  console.log(
    `${eventType.padEnd(20)} ${String(message.length).padStart(5)} B  codec ${format(ours)}/s  plain avsc ${format(floor)}/s`,
  );
}
