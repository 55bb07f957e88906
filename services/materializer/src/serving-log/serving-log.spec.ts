import { Logger } from '@nestjs/common';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { DataSource } from 'typeorm';
import type { Actor } from '@provenant/contracts';
import type { Outbox } from '@provenant/events';
import { serviceIdentity } from '@provenant/platform';
import type { MaterializerConfig } from '../config';
import type { ServedVector } from '../online/get-online-features.usecase';
import { MAX_VALUES_PER_EVENT, parts, ServingLog } from './serving-log';

describe('serving log parts', () => {
  const rows = (...sizes: number[]) => sizes.map((n) => Array.from({ length: n }, () => 0));
  const shape = (p: { row: number[]; index: number }[][]) => p.map((part) => part.map((r) => r.index));

  it('keeps a request in one event up to MAX_VALUES_PER_EVENT values', () => {
    expect(shape(parts(rows(MAX_VALUES_PER_EVENT / 2, MAX_VALUES_PER_EVENT / 2)))).toEqual([[0, 1]]);
  });

  it('splits a larger request in request order, each part within the limit', () => {
    expect(shape(parts(rows(6_000, 4_001, 3_000, 7_000)))).toEqual([[0], [1, 2], [3]]);
  });

  it('puts a row larger than the limit alone, and nothing in no parts', () => {
    expect(shape(parts(rows(1, MAX_VALUES_PER_EVENT + 1, 1)))).toEqual([[0], [1], [2]]);
    expect(parts([])).toEqual([]);
  });
});

describe('ServingLog', () => {
  const rows: { event: { requestId: string }; trace: Record<string, string> }[][] = [];
  const outbox = {
    rowOf: (_type: string, event: { requestId: string }, trace: Record<string, string>) => ({ event, trace }),
    insertRows: async (_m: unknown, batch: never[]) => void rows.push(batch),
  };
  const dataSource = { transaction: (fn: (m: unknown) => Promise<void>) => fn({}) };
  const log = new ServingLog(
    dataSource as unknown as DataSource,
    outbox as unknown as Outbox,
    { SERVING_LOG_SAMPLE_RATE: 1 } as MaterializerConfig,
    serviceIdentity('materializer'),
  );
  const contextManager = new AsyncLocalStorageContextManager().enable();
  beforeAll(() => {
    context.setGlobalContextManager(contextManager);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(async () => {
    await log.onApplicationShutdown();
    context.disable();
    propagation.disable();
  });

  const vector = (requestId: string): ServedVector => ({
    requestId,
    featureService: null,
    entities: [{ driver_id: 1 }],
    served: [
      [
        {
          view: 'driver_stats',
          version: 1,
          feature: 'trips',
          valueType: 'INT64',
          status: 'PRESENT',
          value: 3,
          eventTs: 1,
          batchId: 'b-1',
        },
      ],
    ],
  });
  const actor: Actor = { principal: 'serving', kind: 'pipeline', roles: ['pipeline'] };
  /** A request handled inside its own sampled span, as the HTTP instrumentation runs it. */
  const inSpan = (traceId: string, fn: () => void) =>
    context.with(
      trace.setSpanContext(context.active(), { traceId, spanId: '00f067aa0ba902b7', traceFlags: 1 }),
      fn,
    );

  it('drops a vector that does not encode, names it, and logs the others', async () => {
    rows.length = 0;
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const rowOf = outbox.rowOf;
    outbox.rowOf = (type, event, trace) => {
      if (event.requestId === 'req-bad') throw new Error('value 1.5 is not a long');
      return rowOf(type, event, trace);
    };
    try {
      for (const id of ['req-1', 'req-bad', 'req-2']) log.record(vector(id), actor);
      await log.flush();
      expect(rows.flat().map((r) => r.event.requestId)).toEqual(['req-1', 'req-2']);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('request req-bad not logged'));
    } finally {
      outbox.rowOf = rowOf;
      errors.mockRestore();
    }
  });

  it("carries each request's own trace, though their vectors are encoded together after them", async () => {
    const [a, b] = ['4bf92f3577b34da6a3ce929d0e0e4736', '0af7651916cd43dd8448eb211c80319c'];
    inSpan(a, () => log.record(vector('req-a'), actor));
    inSpan(b, () => log.record(vector('req-b'), actor));
    rows.length = 0;
    await log.flush();
    const written = rows.flat().map((r) => [r.event.requestId, r.trace.traceparent?.split('-')[1]]);
    expect(written).toEqual([
      ['req-a', a],
      ['req-b', b],
    ]);
  });
});
