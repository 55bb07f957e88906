import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once into a typed object. Every message names the variable, so an
 * operator can fix a bad deployment from the first log line.
 */
export function parseConfig<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConfigError(issues);
}

/** For `main.ts`: a service with bad configuration must not start half-configured. */
export function loadConfigOrExit<S extends z.ZodTypeAny>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  try {
    return parseConfig(schema, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(
      JSON.stringify({
        level: 'fatal',
        msg: err.message,
        issues: err.issues,
        time: new Date().toISOString(),
      }) + '\n',
    );
    process.exit(78); // EX_CONFIG from sysexits.h
  }
}
