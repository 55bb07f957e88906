export * from './service-catalog';
export * from './http-client';
export * from './events/pipeline-emitter';
