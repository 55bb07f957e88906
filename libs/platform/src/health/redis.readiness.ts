import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../redis/redis.module';
import type { ReadinessCheck } from './readiness-check';

@Injectable()
export class RedisReadiness implements ReadinessCheck {
  readonly name = 'redis';
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async check() {
    // The client is built with the offline queue off, so this fails at once while Redis is away
    // instead of queueing; ioredis keeps reconnecting in the background, so readiness comes back
    // by itself when Redis does.
    const pong = await this.redis.ping();
    if (pong !== 'PONG') throw new Error(`unexpected PING reply ${pong}`);
  }
}
