import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Dataset manifests run to megabytes (≈150 bytes a file), over Express's 100 kB default. */
export function configureRegistryHttp(app: INestApplication): void {
  (app as NestExpressApplication).useBodyParser('json', { limit: '256mb' });
}
