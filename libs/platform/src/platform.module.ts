import { DynamicModule, Global, Module, type Provider, type Type } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { collectDefaultMetrics, register } from 'prom-client';
import { AuthGuard } from './auth/auth.guard';
import { loadTokenStore } from './auth/load-tokens';
import { TokenStore } from './auth/token-store';
import type { BaseConfig } from './config/base-config.schema';
import { APP_CONFIG, SERVICE_IDENTITY, type ServiceIdentity } from './config/config.tokens';
import { HealthController } from './health/health.controller';
import { READINESS_CHECKS, type ReadinessCheck } from './health/readiness-check';
import { KafkaModule } from './kafka/kafka.module';
import { LoggingModule } from './logging/logging.module';
import { HttpMetricsInterceptor } from './metrics/http-metrics.interceptor';
import { MetricsController } from './metrics/metrics.controller';

export interface PlatformOptions {
  identity: ServiceIdentity;
  config: BaseConfig;
  /** The dependencies `/health/ready` checks, e.g. `[PostgresReadiness, KafkaReadiness]`. */
  readiness: Type<ReadinessCheck>[];
}

/**
 * Everything a Provenant service has in common: validated config, JSON logs, Kafka client,
 * auth, health, metrics. A service's AppModule imports this once and adds its capabilities.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics();
    register.setDefaultLabels({ service: options.identity.name });
    const readinessProviders: Provider[] = [
      ...options.readiness,
      {
        provide: READINESS_CHECKS,
        useFactory: (...checks: ReadinessCheck[]) => checks,
        inject: options.readiness,
      },
    ];
    return {
      module: PlatformModule,
      imports: [
        LoggingModule.forRoot({
          service: options.identity.name,
          instance: options.identity.instance,
          level: options.config.LOG_LEVEL,
        }),
        TerminusModule.forRoot({ logger: false }),
        KafkaModule.forRoot({
          brokers: options.config.KAFKA_BROKERS,
          clientId: `${options.config.KAFKA_CLIENT_ID_PREFIX}.${options.identity.name}.${options.identity.instance}`,
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: SERVICE_IDENTITY, useValue: options.identity },
        { provide: TokenStore, useFactory: () => loadTokenStore(options.config) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor },
        ...readinessProviders,
      ],
      exports: [APP_CONFIG, SERVICE_IDENTITY, TokenStore, READINESS_CHECKS],
    };
  }
}
