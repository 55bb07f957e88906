import { PipelineEmitter, Provenant } from '@provenant/sdk';
import { buildWorld, HOUR_MICROS, type World } from '../model/couriers';

/** What the pipeline's steps share: clients per principal, the synthetic world, and what earlier steps produced. */
export interface PipelineContext {
  /** As the pipeline (CI / scheduler): ingest, train, register, request promotions. */
  pipeline: Provenant;
  approver: Provenant;
  auditor: Provenant;
  emitter: PipelineEmitter;
  world: World;
  seed: number;
  /** Model name in the registry. */
  model: string;
  /** Where files (training set, model, report) are written. */
  outDir: string;
  /** A label for ids (batch ids), so a re-run within the same hour writes nothing twice. */
  tag: string;
  log: (line: string) => void;
}

export const VIEW = 'courier_hourly';
export const SERVICE = 'courier_acceptance';
export const EXPERIMENT = 'courier-acceptance';

export const SEED = 7;

/**
 * Clients for the three principals (development tokens), a connected Kafka emitter, and the
 * synthetic world anchored at the current hour (so online values are fresh; a re-run within the
 * same hour re-sends the same batch ids and writes nothing twice).
 */
export async function createPipelineContext(o: {
  brokers: string[];
  outDir: string;
  topicPrefix?: string;
}): Promise<PipelineContext> {
  const lastHour = Math.floor(Date.now() / 3_600_000) * HOUR_MICROS;
  const emitter = new PipelineEmitter({
    brokers: o.brokers,
    actor: { principal: 'demo-pipeline', kind: 'PIPELINE', roles: ['pipeline'] },
    producer: { name: 'demo-pipeline' },
    topicPrefix: o.topicPrefix,
  });
  await emitter.connect();
  return {
    pipeline: new Provenant({ token: 'dev-pipeline-token' }),
    approver: new Provenant({ token: 'dev-approver-token' }),
    auditor: new Provenant({ token: 'dev-auditor-token' }),
    emitter,
    world: buildWorld({ seed: SEED, count: 100, hourCount: 24, lastHour }),
    seed: SEED,
    model: 'courier-acceptance',
    outDir: o.outDir,
    tag: `courier-hourly-${lastHour / HOUR_MICROS}`,
    log: (line) => process.stdout.write(`      ${line}\n`),
  };
}
