import type { Command } from 'commander';
import { readFeatureRepo, ServiceError, type FeaturePlan } from '@provenant/sdk';
import { ExitCode, printJson } from '../../output';
import { serviceClient } from './feature-clients';
import { printPlan } from './print-plan';

interface Options {
  repo: string;
  delete: string[];
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** A 400/422 from the registry names each bad field: print them one per line, not as JSON. */
export function reportServiceError(err: unknown): never | void {
  if (!(err instanceof ServiceError)) throw err;
  const body = err.body as { message?: string | string[] };
  const lines = Array.isArray(body?.message) ? body.message : [body?.message ?? String(err.body)];
  process.stderr.write(
    `provenant: ${err.status === 422 || err.status === 400 ? 'rejected' : `failed (${err.status})`}:\n${lines.map((l) => `  ${l}`).join('\n')}\n`,
  );
  process.exitCode = err.status >= 500 ? ExitCode.unavailable : ExitCode.failed;
}

async function run(path: 'plan' | 'apply', opts: Options): Promise<void> {
  const objects = await readFeatureRepo(opts.repo);
  try {
    const result = await serviceClient('registry').post<FeaturePlan>(`/features/${path}`, {
      objects,
      delete: opts.delete,
    });
    if (opts.json) printJson(result);
    else printPlan(result, path === 'plan' ? 'will' : 'did');
  } catch (err) {
    reportServiceError(err);
  }
}

export function registerPlanApplyCommands(features: Command): void {
  for (const [name, description] of [
    ['plan', 'show what apply would change in the registry (writes nothing)'],
    ['apply', 'apply the feature repository: breaking changes create new view versions'],
  ] as const) {
    features
      .command(name)
      .description(description)
      .requiredOption('--repo <dir>', 'feature repository folder of YAML files')
      .option(
        '--delete <kind:name>',
        'remove an applied object (repeatable); absence from the repo never removes',
        collect,
        [],
      )
      .option('--json', 'print JSON')
      .action((opts: Options) => run(name, opts));
  }
}
