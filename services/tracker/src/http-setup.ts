import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage } from 'node:http';
import { ARTIFACTS_ROUTE } from './artifacts/artifacts-proxy.http.controller';

/**
 * Body parsing for the MLflow API. A log-batch may be 1 MB (MLflow's limit, checked by the use
 * case), over Express's 100 kB default; and artifact uploads are never parsed, whatever their
 * content type (the client sends a `.json` artifact as application/json), so they stream
 * straight into the blob store.
 */
export function configureTrackerHttp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  const notArtifact = (type: string) => (req: IncomingMessage) =>
    !(req.url ?? '').startsWith(`/${ARTIFACTS_ROUTE}`) &&
    (req.headers['content-type'] ?? '').split(';')[0].trim() === type;
  express.useBodyParser('json', { limit: '8mb', type: notArtifact('application/json') });
  express.useBodyParser('urlencoded', {
    limit: '1mb',
    extended: true,
    type: notArtifact('application/x-www-form-urlencoded'),
  });
}
