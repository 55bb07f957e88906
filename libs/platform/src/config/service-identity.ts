import { hostname } from 'node:os';
import type { ServiceIdentity } from './config.tokens';

export function serviceIdentity(name: string, instanceId?: string, version = '0.1.0'): ServiceIdentity {
  return { name, version, instance: instanceId ?? `${hostname()}-${process.pid}` };
}
