/** DI token for the service's validated configuration object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** DI token for the service identity (name, version, instance). */
export const SERVICE_IDENTITY = Symbol('SERVICE_IDENTITY');

export interface ServiceIdentity {
  name: string;
  version: string;
  instance: string;
}
