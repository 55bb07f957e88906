import Table from 'cli-table3';

/** Exit codes shared by every subcommand, so scripts and CI can branch on them. */
export const ExitCode = { ok: 0, failed: 1, usage: 2, unavailable: 69, config: 78 } as const;

export function printTable(head: string[], rows: (string | number)[][]): void {
  const table = new Table({ head, style: { head: ['cyan'] } });
  table.push(...rows.map((r) => r.map(String)));
  process.stdout.write(`${table.toString()}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
