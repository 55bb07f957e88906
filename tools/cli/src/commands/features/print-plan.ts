import type { FeaturePlan } from '@provenant/sdk';
import { printTable } from '../../output';

const version = (c: FeaturePlan['changes'][number]) =>
  c.fromVersion === null || c.fromVersion === c.toVersion
    ? `v${c.toVersion}`
    : `v${c.fromVersion} -> v${c.toVersion}`;

/** The plan as a table, then what stays untouched and what the repository omits. */
export function printPlan(plan: FeaturePlan, verb: 'will' | 'did'): void {
  if (plan.changes.length === 0) process.stdout.write('No changes: the registry matches the repository.\n');
  else {
    printTable(
      ['change', 'object', 'version', 'details'],
      plan.changes.map((c) => [c.change, `${c.kind}:${c.name}`, version(c), c.details.join('\n')]),
    );
  }
  if (plan.unchanged.length > 0) process.stdout.write(`${plan.unchanged.length} unchanged.\n`);
  for (const o of plan.notInRepo) {
    process.stdout.write(
      `Not in the repository, ${verb === 'will' ? 'will be kept' : 'kept'}: ${o.kind}:${o.name} v${o.version} (remove with --delete ${o.kind}:${o.name})\n`,
    );
  }
}
