export * from './service-catalog';
export * from './http-client';
