import { provRef, subject } from '@provenant/contracts';
import type { OpenLineageEventReceived } from '@provenant/contracts';
import { sampleMeta } from './sample-meta';

const RUN_ID = '0192f0a1-7c3e-7d10-9a2b-3c4d5e6f7a8b';
const EVENT = {
  eventType: 'COMPLETE',
  eventTime: '2026-01-01T00:00:33.123Z',
  run: { runId: RUN_ID },
  job: { namespace: 'airflow-prod', name: 'etl.load_trips' },
  inputs: [{ namespace: 's3://raw', name: 'trips/2026-01-01.parquet' }],
  outputs: [{ namespace: 'postgres://db:5432', name: 'warehouse.public.trips' }],
  producer: 'https://github.com/apache/airflow/tree/providers-openlineage/2.1.0',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
};

export const openLineageEventReceived: OpenLineageEventReceived = {
  meta: sampleMeta({
    sequence: 33,
    service: 'audit-ledger',
    subject: subject('ol_job', 'airflow-prod:etl.load_trips'),
    principal: EVENT.producer,
    roles: [],
    used: [
      provRef.olDataset('s3://raw', 'trips/2026-01-01.parquet', 'input'),
      provRef.olJob('airflow-prod', 'etl.load_trips', 'job'),
    ],
    generated: [
      provRef.olDataset('postgres://db:5432', 'warehouse.public.trips'),
      provRef.olJob('airflow-prod', 'etl.load_trips'),
    ],
  }),
  runId: RUN_ID,
  eventType: EVENT.eventType,
  eventTime: EVENT.eventTime,
  jobNamespace: EVENT.job.namespace,
  jobName: EVENT.job.name,
  inputs: EVENT.inputs,
  outputs: EVENT.outputs,
  producer: EVENT.producer,
  schemaURL: EVENT.schemaURL,
  source: { topic: 'openlineage.events', partition: 0, offset: 41 },
  event: JSON.stringify(EVENT),
};
