import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { KAFKA_CLIENT } from '../kafka/kafka.module';
import type { ReadinessCheck } from './readiness-check';

@Injectable()
export class KafkaReadiness implements ReadinessCheck, OnModuleDestroy {
  readonly name = 'kafka';
  private admin?: Admin;

  constructor(@Inject(KAFKA_CLIENT) private readonly kafka: Kafka) {}

  async check() {
    try {
      this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
      await this.admin.connect();
      const cluster = await this.admin.describeCluster();
      return { brokers: cluster.brokers.length };
    } catch (err) {
      // A fresh admin next time: KafkaJS admins do not always recover their connection state.
      const stale = this.admin;
      this.admin = undefined;
      await stale?.disconnect().catch(() => undefined);
      throw err;
    }
  }

  async onModuleDestroy() {
    await this.admin?.disconnect().catch(() => undefined);
  }
}
