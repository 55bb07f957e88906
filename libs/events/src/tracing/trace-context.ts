import { context, propagation, trace, type Context } from '@opentelemetry/api';

/** W3C trace headers of the active span (empty when tracing is off or there is no span). */
export function currentTraceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The context a consumer continues from: the producer's `traceparent`, if the message had one. */
export function contextFromHeaders(headers: Record<string, string | undefined>): Context {
  return propagation.extract(context.active(), headers);
}

export const eventsTracer = () => trace.getTracer('@provenant/events');
