export { createTestEnv } from './test-env';
export type { TestEnv } from './test-env';
export { useTestEnv } from './use-test-env';
export { testNamespace, withDatabase } from './test-namespace';
export type { TestNamespace } from './test-namespace';
export { waitFor } from './wait-for';
export type { WaitForOptions } from './wait-for';
export { countEffects, createEventsSandbox, recordEffect, recordEffects } from './events-sandbox';
