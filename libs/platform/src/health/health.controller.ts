import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator';
import { READINESS_CHECKS, READINESS_TIMEOUT_MS, type ReadinessCheck } from './readiness-check';

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  /** Liveness: the process runs its event loop. Dependencies are not checked here on purpose,
   * so an outage of Kafka or PostgreSQL does not get every pod restarted. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Readiness: every real dependency answers, each within its own timeout. 503 names the failing one. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.checks.map((c) => async () => {
        const session = this.indicators.check(c.name);
        try {
          const details = await withTimeout(c.check(), READINESS_TIMEOUT_MS, c.name);
          return session.up(details ?? {});
        } catch (err) {
          return session.down({ message: `${c.name} unavailable: ${(err as Error).message}` });
        }
      }),
    );
  }
}
