import type { ServiceStatus } from './stack-controller';

const HEADERS = ['SERVICE', 'ADDRESS', 'STATE', 'STARTED BY'];

/** A plain aligned table: readable in a terminal and in CI logs, no colours to strip. */
export function formatStatusTable(rows: ServiceStatus[]): string {
  const cells = rows.map((row) => [row.service, row.address, row.state, startedByLabel(row)]);
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...cells.map((c) => c[i].length)));
  return [HEADERS, ...cells]
    .map((line) =>
      line
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function startedByLabel(row: ServiceStatus): string {
  if (row.startedBy === 'stack') return `stack (pid ${row.pid})`;
  return row.startedBy ?? '-';
}
