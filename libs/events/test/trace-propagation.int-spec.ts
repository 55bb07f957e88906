import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { DataSource } from 'typeorm';
import { SpanKind } from '@opentelemetry/api';
import { useTestEnv, waitFor } from '@provenant/testing';
import { countEffects, createEventsSandbox } from '@provenant/testing';
import { spawnTs } from './fixtures/spawn-ts';

interface SpanLine {
  service: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

function firstLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const line = chunk
        .toString()
        .split('\n')
        .find((l) => pattern.test(l));
      if (line) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`process exited with ${code}`)));
  });
}

describe('trace propagation', () => {
  // Declared before useTestEnv(): afterAll hooks run in declaration order, and these must stop
  // before the test environment's database and topics are dropped.
  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await dataSource?.destroy();
  });
  const env = useTestEnv();
  const spansFile = path.join(os.tmpdir(), `provenant-spans-${process.pid}.jsonl`);
  const children: ChildProcess[] = [];
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await createEventsSandbox(env().databaseUrl);
    writeFileSync(spansFile, '');
  });

  it('shows an HTTP request, the outbox relay, Kafka and the handler in another process as one trace', async () => {
    await env().createTopics(['provenant.runs.v1'], 1);
    const common = {
      DATABASE_URL: env().databaseUrl,
      KAFKA_BROKERS: env().kafkaBrokers.join(','),
      TOPIC_PREFIX: env().topicPrefix,
      SPANS_FILE: spansFile,
    };
    const consumer = spawnTs('libs/events/test/fixtures/traced-consumer-app.ts', {
      ...common,
      PROBE_SERVICE: 'probe-consumer',
    });
    const producer = spawnTs('libs/events/test/fixtures/traced-producer-app.ts', {
      ...common,
      PROBE_SERVICE: 'probe-producer',
    });
    children.push(consumer, producer);
    const url = (await firstLine(producer, /^listening /)).split(' ')[1];
    await firstLine(consumer, /^consuming/);

    const res = await fetch(`${url}/probe/runs`, { method: 'POST' });
    expect(res.status).toBe(201);
    await waitFor(async () => (await countEffects(dataSource)) === 1, {
      timeoutMs: 30_000,
      description: 'handler effect',
    });

    const spans = () =>
      readFileSync(spansFile, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as SpanLine);
    await waitFor(() => spans().some((s) => s.service === 'probe-consumer' && s.kind === SpanKind.CONSUMER), {
      timeoutMs: 10_000,
    });
    const all = spans();
    const request = all.find(
      (s) => s.service === 'probe-producer' && s.kind === SpanKind.SERVER && /POST/.test(s.name),
    )!;
    expect(request).toBeDefined();
    const trace = all.filter((s) => s.traceId === request.traceId);
    const publish = trace.find(
      (s) => s.kind === SpanKind.PRODUCER && s.name.endsWith('provenant.runs.v1 publish'),
    );
    const handled = trace.find((s) => s.service === 'probe-consumer' && s.kind === SpanKind.CONSUMER);
    expect(publish).toBeDefined();
    expect(handled).toBeDefined();
    expect(handled!.parentSpanId).toBe(publish!.spanId); // the consumer continues from the Kafka hop
    expect(trace.some((s) => s.service === 'probe-producer' && /INSERT/i.test(s.name))).toBe(true); // the outbox write, via pg
  });
});
