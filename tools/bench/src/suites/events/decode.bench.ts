import * as avro from 'avsc';
import { EVENT_SCHEMAS } from '@provenant/contracts';
import { contractsWireFormat, EventMetaFactory } from '@provenant/events';
import { result, type BenchResult } from '../../bench-result';

const N = 300_000;

function sampleRunStarted() {
  const meta = new EventMetaFactory({ name: 'tracker', version: 'bench', instance: 'bench' }).create({
    subject: { kind: 'run', id: 'run-42' },
    used: [{ kind: 'dataset', id: 'trips@sha256:ab12', digest: 'sha256:ab12', role: 'training' }],
  });
  return {
    meta,
    runId: 'run-42',
    experimentId: 'exp-7',
    runName: 'gbm depth 6',
    startTime: meta.occurredAt,
    userId: 'alice',
    parentRunId: null,
    tags: [{ key: 'team', value: 'fraud' }],
    code: null,
    environmentFingerprint: 'sha256:0f0f',
  };
}

function perSecond(fn: () => void): number {
  for (let i = 0; i < 20_000; i++) fn(); // warm-up: JIT and caches
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) fn();
  return N / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** Our decode (header check, fingerprint lookup, datum) vs avsc decoding the bare datum. */
export function decodeBench(progress: (line: string) => void): BenchResult {
  const wire = contractsWireFormat();
  const bytes = wire.encode('RunStarted', sampleRunStarted());
  const type = avro.Type.forSchema(EVENT_SCHEMAS.RunStarted as avro.Schema);
  const datum = bytes.subarray(10);
  progress(`decoding a ${bytes.length}-byte RunStarted ${N} times, on one core`);
  const floor = perSecond(() => type.fromBuffer(datum));
  const ours = perSecond(() => wire.decode(bytes));
  return result('decode (single-object, one core)', ours, 'events/s', floor, '>= 500000 events/s');
}
