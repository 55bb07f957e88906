import { Counter, Gauge, Histogram, register, type Metric } from 'prom-client';

/** prom-client refuses to register a name twice; services and tests may build several runtimes. */
function once<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const eventsMetrics = {
  outboxPublished: () =>
    once(
      'provenant_outbox_published_total',
      () =>
        new Counter({
          name: 'provenant_outbox_published_total',
          help: 'Events the outbox relay published to Kafka.',
          labelNames: ['schema'],
        }),
    ),
  outboxPublishLag: () =>
    once(
      'provenant_outbox_publish_lag_seconds',
      () =>
        new Histogram({
          name: 'provenant_outbox_publish_lag_seconds',
          help: 'Time from the outbox write (commit) to the broker acknowledging the event.',
          labelNames: ['schema'],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        }),
    ),
  outboxRejected: () =>
    once(
      'provenant_outbox_rejected_total',
      () =>
        new Counter({
          name: 'provenant_outbox_rejected_total',
          help: 'Events Kafka refused as too large even alone, parked in outbox_rejected.',
          labelNames: ['schema'],
        }),
    ),
  outboxBacklog: () =>
    once(
      'provenant_outbox_backlog',
      () =>
        new Gauge({
          name: 'provenant_outbox_backlog',
          help: 'Events written to the outbox and not yet published.',
          labelNames: ['schema'],
        }),
    ),
  eventsHandled: () =>
    once(
      'provenant_events_handled_total',
      () =>
        new Counter({
          name: 'provenant_events_handled_total',
          help: 'Events a consumer group handled, by outcome (handled, duplicate, ignored, dead_lettered).',
          labelNames: ['group', 'event_type', 'outcome'],
        }),
    ),
  deadLettered: () =>
    once(
      'provenant_dlq_messages_total',
      () =>
        new Counter({
          name: 'provenant_dlq_messages_total',
          help: 'Messages sent to a dead letter topic, by reason.',
          labelNames: ['group', 'reason'],
        }),
    ),
  groupJoins: () =>
    once(
      'provenant_consumer_group_joins_total',
      () =>
        new Counter({
          name: 'provenant_consumer_group_joins_total',
          help: 'Times a consumer joined its group; more than one per instance means rebalances (e.g. missed heartbeats).',
          labelNames: ['group'],
        }),
    ),
  consumerLag: () =>
    once(
      'provenant_consumer_lag',
      () =>
        new Gauge({
          name: 'provenant_consumer_lag',
          help: 'Messages between the last processed offset and the high watermark.',
          labelNames: ['group', 'topic', 'partition'],
        }),
    ),
};
