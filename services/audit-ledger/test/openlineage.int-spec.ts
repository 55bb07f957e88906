import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { useTestEnv, waitFor } from '@provenant/testing';
import { exportRunId } from '../src/openlineage/openlineage-export.mapper';
import { receivedEventId } from '../src/openlineage/openlineage-wire-format';
import { runEventProblems } from '../src/openlineage/run-event-schema';
import { cli } from './fixtures/chain-ledger';
import { getJson, produce, startLedger } from './fixtures/ledger-app';
import { lineageChain } from './fixtures/lineage-chain';
import { airflowRunEvents, runAndMaterializationEvents } from './fixtures/openlineage-events';

const OL_TOPIC = 'openlineage.events';

describe('audit-ledger: OpenLineage export and consumption', () => {
  let app: INestApplication;
  let url: string;
  const env = useTestEnv();
  const chain = lineageChain();
  const extra = runAndMaterializationEvents();
  const all = [...Object.values(chain.events), ...Object.values(extra.events)];
  const get = (path: string) => getJson(`${url}${path}`);
  const kafka = () => new Kafka({ brokers: env().kafkaBrokers, logLevel: logLevel.NOTHING });
  const exported = async () => (await get('/openlineage/events?limit=1000')).body.events as any[];
  const ofRun = (events: any[], runId: string) => events.filter((e) => e.run.runId === runId);

  beforeAll(async () => {
    ({ app, url } = await startLedger(env()));
    await produce(env(), all);
    await waitFor(async () => (await get('/ledger/entries?limit=1000')).body.entries.length === all.length, {
      timeoutMs: 30_000,
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('exports a tracker run as START and COMPLETE under one runId, with its data and code', async () => {
    const events = await exported();
    for (const e of events) expect(runEventProblems(e)).toEqual([]);
    const run = ofRun(events, exportRunId('run', chain.ids.runId));
    expect(run.map((e) => e.eventType)).toEqual(['START', 'COMPLETE']);
    const [start, complete] = run;
    expect(start.job).toMatchObject({
      namespace: 'provenant',
      name: 'experiment:1',
      facets: {
        jobType: { processingType: 'BATCH', integration: 'PROVENANT', jobType: 'ML_TRAINING_RUN' },
        sourceCodeLocation: { type: 'git', url: 'https://git.example/fraud', version: chain.ids.commit },
      },
    });
    expect(complete.inputs.map((d: any) => d.name)).toContain(`dataset:fraud_train@${chain.ids.trainDigest}`);
    expect(complete.outputs.map((d: any) => d.name)).toEqual([`artifact:${chain.ids.artifact}`]);
    // The facet names the leaf: it is the RunCompleted the tracker published.
    const { entries } = (await get('/ledger/entries?limit=1000')).body;
    expect(entries[complete.run.facets.provenant.leafIndex].eventId).toBe(chain.events.runCompleted.eventId);
  });

  it('exports a failed run as FAIL', async () => {
    const run = ofRun(await exported(), exportRunId('run', extra.ids.failedRunId));
    expect(run.map((e) => e.eventType)).toEqual(['START', 'FAIL']);
  });

  it('exports materializations and a training set as START and terminal pairs', async () => {
    const events = await exported();
    const ok = ofRun(events, exportRunId('materialization', extra.ids.ok));
    expect(ok.map((e) => e.eventType)).toEqual(['START', 'COMPLETE']);
    expect(ok[0].inputs.map((d: any) => d.name)).toEqual([
      'feature_view:driver_stats@v1',
      `batch:b-${extra.ids.ok}`,
    ]);
    expect(ok[1].outputs[0]).toMatchObject({
      name: 'online_store:driver_stats@v1',
      outputFacets: { outputStatistics: { rowCount: 5 } },
    });
    const failed = ofRun(events, exportRunId('materialization', extra.ids.failed));
    expect(failed.map((e) => e.eventType)).toEqual(['START', 'FAIL']);
    expect(failed[1].run.facets.errorMessage).toMatchObject({
      message: 'online store unavailable: ECONNREFUSED',
    });
    const ts = ofRun(events, exportRunId('training_set', `ts-${chain.ids.id}`));
    expect(ts.map((e) => e.eventType)).toEqual(['START', 'COMPLETE']);
    expect(ts[1].outputs[0]).toMatchObject({
      namespace: 'provenant',
      name: `dataset:fraud_train@${chain.ids.trainDigest}`,
      facets: { version: { datasetVersion: chain.ids.trainDigest } },
    });
  });

  it('pages with next, and the CLI writes every event as JSON Lines, the same on a re-export', async () => {
    const first = (await get('/openlineage/events?limit=2')).body;
    expect(first.events.length).toBeGreaterThanOrEqual(2);
    const second = (await get(`/openlineage/events?limit=1000&after=${first.next}`)).body;
    const everything = await exported();
    expect([...first.events, ...second.events]).toEqual(everything);
    expect(second.next).toBeNull();

    const out = join(await mkdtemp(join(tmpdir(), 'ol-')), 'events.jsonl');
    const res = await cli(['lineage', 'openlineage', '--out', out, '--url', url]);
    expect(res).toMatchObject({ code: 0 });
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(everything);
    expect((await get('/openlineage/events?limit=1000&after=-5')).status).toBe(400);
  });

  it('records an external OpenLineage run once, even sent twice, and joins it to the graph', async () => {
    const ol = airflowRunEvents();
    const producer = kafka().producer();
    await producer.connect();
    const key = `run:${ol.job.namespace}/${ol.job.name}`;
    const send = (e: unknown) =>
      producer.send({ topic: env().topic(OL_TOPIC), messages: [{ key, value: JSON.stringify(e) }] });
    await send(ol.start);
    await send(ol.start);
    await send(ol.complete);
    await producer.disconnect();

    const trail = () =>
      get(`/audit/trail?kind=ol_job&id=${encodeURIComponent(`${ol.job.namespace}:${ol.job.name}`)}`);
    await waitFor(async () => (await trail()).body.entries?.length >= 2, { timeoutMs: 30_000 });
    await new Promise((r) => setTimeout(r, 1_500)); // let any duplicate arrive
    const { entries } = (await trail()).body;
    expect(entries.map((e: any) => [e.eventType, e.eventId])).toEqual([
      ['OpenLineageEventReceived', receivedEventId(ol.start as any)],
      ['OpenLineageEventReceived', receivedEventId(ol.complete as any)],
    ]);
    expect(entries[0].event).toMatchObject({ runId: ol.runId, eventType: 'START', jobName: ol.job.name });
    expect(JSON.parse(entries[1].event.event)).toEqual(ol.complete);

    const outRef = `ol_dataset:${ol.output.namespace}:${ol.output.name}`;
    const up = (await get(`/lineage/upstream/${encodeURIComponent(outRef)}`)).body;
    const jobRef = `ol_job:${ol.job.namespace}:${ol.job.name}`;
    const inRef = `ol_dataset:${ol.input.namespace}:${ol.input.name}`;
    expect(up.nodes.map((n: any) => n.ref).sort()).toEqual([inRef, jobRef, outRef].sort());

    const nodeId = `dataset:${ol.output.namespace}:${ol.output.name}`;
    const graph = (await get(`/api/v1/lineage?nodeId=${encodeURIComponent(nodeId)}`)).body.graph;
    const self = graph.find((n: any) => n.id === nodeId);
    expect(self).toMatchObject({
      type: 'DATASET',
      data: { namespace: ol.output.namespace, name: ol.output.name },
    });
    const jobId = `job:${ol.job.namespace}:${ol.job.name}`;
    expect(self.inEdges).toContainEqual({ origin: jobId, destination: nodeId });
    expect(graph.find((n: any) => n.id === jobId)?.inEdges).toContainEqual({
      origin: `dataset:${ol.input.namespace}:${ol.input.name}`,
      destination: jobId,
    });
  });

  it('dead-letters what is not an OpenLineage RunEvent, with the reason', async () => {
    const producer = kafka().producer();
    await producer.connect();
    const { run: _run, ...jobEvent } = airflowRunEvents().complete;
    const truncated = '{"eventType": "START", trunc';
    await producer.send({
      topic: env().topic(OL_TOPIC),
      messages: [{ value: truncated }, { value: JSON.stringify(jobEvent) }],
    });
    await producer.disconnect();

    const dead: KafkaMessage[] = [];
    const consumer = kafka().consumer({ groupId: env().topic('ol-dlq-reader') });
    await consumer.connect();
    await consumer.subscribe({
      topic: env().topic('provenant.dlq.provenant.audit-ledger.openlineage'),
      fromBeginning: true,
    });
    await consumer.run({ eachMessage: async ({ message }) => void dead.push(message) });
    try {
      await waitFor(async () => dead.length >= 2, { timeoutMs: 30_000 });
    } finally {
      await consumer.disconnect();
    }
    // Unkeyed messages may land on different partitions: look each one up by its bytes.
    const why = (value: string) => {
      const m = dead.find((d) => d.value?.toString() === value)!;
      return [String(m.headers!['x-provenant-dlq-reason']), String(m.headers!['x-provenant-dlq-error'])];
    };
    const [malformedReason, malformedError] = why(truncated);
    expect(malformedReason).toBe('malformed-event');
    expect(malformedError).toMatch(/not JSON/);
    const [invalidReason, invalidError] = why(JSON.stringify(jobEvent));
    expect(invalidReason).toBe('invalid-event');
    expect(invalidError).toMatch(/must have required property 'run'/);
  });
});
