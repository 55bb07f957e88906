import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EventConsumer, type EventConsumerOptions } from '@provenant/events';

export type ConsumerOptions = Omit<EventConsumerOptions, 'log'>;

/**
 * An EventConsumer the ledger runs itself rather than through the Nest `@EventPattern`
 * transport, because it reads with its own wire format (the log's, or OpenLineage's JSON):
 * started once the app is up, stopped before it shuts down, logging through Nest.
 */
export abstract class OwnedEventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: EventConsumer;
  protected readonly log = new Logger(this.constructor.name);

  /** The consumer's options, or null when configuration turns it off. */
  protected abstract options(): ConsumerOptions | null;

  async onApplicationBootstrap(): Promise<void> {
    const options = this.options();
    if (!options) return;
    this.consumer = new EventConsumer({
      ...options,
      log: (level, msg, extra) => this.log[level === 'info' ? 'log' : level]({ msg, ...extra }),
    });
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
