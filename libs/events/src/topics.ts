/** Deployment-wide topic prefix (empty in production); lets test runs share one broker. */
export const prefixed = (prefix: string, topic: string) => `${prefix}${topic}`;

/** One dead-letter topic per consumer group (DESIGN.md §2). */
export const deadLetterTopic = (prefix: string, group: string) => `${prefix}provenant.dlq.${group}`;

/** Consumer groups are named after the service. */
export const consumerGroup = (prefix: string, service: string) => `${prefix}provenant.${service}`;

/** The compacted topic of writer schemas by fingerprint (see schemas/schema-catalog.ts). */
export const schemaCatalogTopic = (prefix: string) => `${prefix}provenant.schemas.v1`;
