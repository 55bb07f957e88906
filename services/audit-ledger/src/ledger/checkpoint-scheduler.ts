import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import type { AuditLedgerConfig } from '../config';
import { LEDGER_CONFIG } from './ledger.tokens';
import { SignCheckpointUseCase } from './sign-checkpoint.usecase';

/**
 * Signs every LEDGER_CHECKPOINT_INTERVAL_MS, or as soon as LEDGER_CHECKPOINT_EVERY events were
 * appended past the last checkpoint (the consumer calls `appended`). One signing at a time.
 */
@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger(CheckpointScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private signedSize = 0;

  constructor(
    private readonly signCheckpoint: SignCheckpointUseCase,
    @Inject(LEDGER_CONFIG) private readonly config: AuditLedgerConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.signNow();
    this.timer = setInterval(() => void this.signNow(), this.config.LEDGER_CHECKPOINT_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Called after an append with the new tree size (the transaction commits right after). */
  appended(treeSize: number): void {
    if (treeSize - this.signedSize >= this.config.LEDGER_CHECKPOINT_EVERY)
      setTimeout(() => void this.signNow(), 5);
  }

  signNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          const signed = await this.signCheckpoint.execute();
          if (signed) this.signedSize = signed.treeSize;
        } catch (err) {
          this.log.warn({
            msg: 'checkpoint signing failed; retrying on the next tick',
            error: (err as Error).message,
          });
        }
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
  }
}
