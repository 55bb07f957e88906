import { stopContainerStack } from './container-stack';

/** Stops the containers the global setup started, if it had to; the native stack is left running. */
export default async function globalTeardown(): Promise<void> {
  await stopContainerStack();
}
