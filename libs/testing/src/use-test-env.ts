import { createTestEnv, TestEnv } from './test-env';

/**
 * Jest sugar: creates the file's TestEnv in beforeAll and cleans it up in afterAll.
 * Call at the top of a test file (or a describe) and read `env()` inside tests.
 */
export function useTestEnv(): () => TestEnv {
  let env: TestEnv | undefined;
  beforeAll(async () => {
    env = await createTestEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.cleanup();
  }, 60_000);
  return () => {
    if (!env) throw new Error('useTestEnv(): the environment exists only inside tests and hooks');
    return env;
  };
}
