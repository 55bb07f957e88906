import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Histogram, register } from 'prom-client';
import { finalize, type Observable } from 'rxjs';

/** The one request-latency histogram, shared by Nest routes and fast routes. */
export function httpRequestDuration(): Histogram<'method' | 'route' | 'status'> {
  const name = 'http_server_request_duration_seconds';
  const existing = register.getSingleMetric(name) as Histogram<'method' | 'route' | 'status'> | undefined;
  return (
    existing ??
    new Histogram({
      name,
      help: 'HTTP request latency by route template (not raw path, to keep label cardinality bounded).',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    })
  );
}

@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  private readonly requests = httpRequestDuration();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const stop = this.requests.startTimer({ method: req.method });
    return next
      .handle()
      .pipe(finalize(() => stop({ route: req.route?.path ?? 'unmatched', status: String(res.statusCode) })));
  }
}
