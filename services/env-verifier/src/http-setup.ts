import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * A manifest lists every locked package (a large package-lock.json parses to ~100 kB, Express's
 * default body limit), so the JSON limit is raised. Registered before Nest's default parser,
 * which then steps aside.
 */
export function configureHttp(app: INestApplication): void {
  (app as NestExpressApplication).useBodyParser('json', { limit: '16mb' });
}
