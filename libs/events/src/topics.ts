/** Deployment-wide topic prefix (empty in production); lets test runs share one broker. */
export const prefixed = (prefix: string, topic: string) => `${prefix}${topic}`;

/** The compacted topic of writer schemas by fingerprint (see schemas/schema-catalog.ts). */
export const schemaCatalogTopic = (prefix: string) => `${prefix}provenant.schemas.v1`;
