import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { AuditLedgerConfig } from '../config';
import { LEDGER_CONFIG } from './ledger.tokens';
import { VerifyLedgerUseCase } from './verify-ledger.usecase';

/** Re-verifies the whole log every LEDGER_VERIFY_INTERVAL_MS (0: never), so tampering surfaces unasked. */
@Injectable()
export class VerificationScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger(VerificationScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly verify: VerifyLedgerUseCase,
    @Inject(LEDGER_CONFIG) private readonly config: AuditLedgerConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.LEDGER_VERIFY_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.verify
        .execute()
        .catch((err: Error) => this.log.warn({ msg: 'background verification failed', error: err.message }))
        .finally(() => (this.running = undefined));
    }, this.config.LEDGER_VERIFY_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
