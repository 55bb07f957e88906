// Codec: Avro single-object encoding, CloudEvents Kafka headers, fingerprints.
export * from './codec/cloud-event-headers';
export * from './codec/codec-errors';
export * from './codec/crc64-avro';
export * from './codec/event-codec';
export * from './codec/event-message';
export * from './codec/schema-fingerprint';
export * from './codec/single-object-frame';
export * from './codec/writer-schema-registry';
// --- runtime: outbox, relay, consumer (libs/events/src/{outbox,consumer,nest}) ---
export * from './wire-format';
export * from './topics';
export * from './metrics';
export * from './tracing/trace-context';
export * from './outbox/events-tables.migration';
export * from './outbox/outbox';
export * from './outbox/outbox-relay';
export * from './consumer/event-context';
export * from './consumer/failure-kinds';
export * from './consumer/dead-letter';
export * from './consumer/idempotency';
export * from './consumer/ensure-topics';
export * from './consumer/event-consumer';
export * from './nest/kafka-event.transport';
export * from './nest/events.module';
export * from './contracts-wire-format';
export * from './meta/event-meta.factory';
export * from './schemas/schema-catalog';
