import { ValidationPipe, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { ServiceIdentity } from '../config/config.tokens';
import { shutdownTelemetry } from '../telemetry/start-telemetry';

export interface BootstrapOptions {
  identity: ServiceIdentity;
  module: DynamicModule;
  host: string;
  port: number;
  description: string;
  /** Called before listening, e.g. to attach the Kafka consumer (`connectEventConsumer`). */
  beforeListen?: (app: INestApplication) => void | Promise<void>;
  /**
   * `false`: Nest registers no body parsers; the service registers its own (the tracker, whose
   * artifact uploads must reach the handler as an unread stream whatever their content type).
   */
  bodyParser?: boolean;
}

export function setupOpenApi(
  app: INestApplication,
  options: Pick<BootstrapOptions, 'identity' | 'description'>,
) {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Provenant ${options.identity.name}`)
      .setDescription(options.description)
      .setVersion(options.identity.version)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}

/** Creates the Nest application the same way for every service (and for integration tests). */
export async function createServiceApp(
  options: Omit<BootstrapOptions, 'host' | 'port'>,
): Promise<INestApplication> {
  const app = await NestFactory.create(options.module, {
    bufferLogs: true,
    bodyParser: options.bodyParser ?? true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  setupOpenApi(app, options);
  return app;
}

export async function bootstrapService(options: BootstrapOptions): Promise<INestApplication> {
  const app = await createServiceApp(options);
  if (options.beforeListen) {
    await options.beforeListen(app);
    await app.startAllMicroservices();
  }
  await app.listen(options.port, options.host);
  app
    .get(Logger)
    .log({ msg: `${options.identity.name} listening`, url: `http://${options.host}:${options.port}` });
  process.once('beforeExit', () => void shutdownTelemetry());
  return app;
}
