import { DynamicModule, Global, Module } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { Logger } from '@nestjs/common';

export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
}

/** KafkaJS logs through Nest's logger (so lines are JSON with the service's fields). */
function kafkaLogCreator() {
  const logger = new Logger('kafkajs');
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...extra } = log;
      const line = { msg: message, ...extra };
      if (level === logLevel.ERROR) logger.error(line);
      else if (level === logLevel.WARN) logger.warn(line);
      else logger.debug?.(line);
    };
}

export function createKafkaClient(options: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(),
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
  });
}

@Global()
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaClientOptions): DynamicModule {
    return {
      module: KafkaModule,
      providers: [{ provide: KAFKA_CLIENT, useFactory: () => createKafkaClient(options) }],
      exports: [KAFKA_CLIENT],
    };
  }
}
