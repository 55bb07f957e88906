import type { ServiceName } from './generated/event-catalog';

// Naming conventions of DESIGN.md §2 (also in schemas/topics.json `conventions`).

/** Consumer group of a service: `provenant.<service>`. */
export function consumerGroupOf(service: ServiceName): string {
  return `provenant.${service}`;
}

/** Dead-letter topic of a consumer group: `provenant.dlq.<group>`. */
export function deadLetterTopicOf(group: string): string {
  return `provenant.dlq.${group}`;
}
