/**
 * One measured figure beside its physical floor, measured in the same run because this machine
 * is noisy: `ratio` is value/floor for throughputs and floor/value for latencies, so higher is
 * always better and 1.0 means "as fast as the raw tool".
 */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same work done by the raw tool (raw KafkaJS, PostgreSQL COPY, Redis, DuckDB…); null if none applies. */
  floor: number | null;
  ratio: number | null;
  /** The target from the issue, in words (e.g. ">= 20000 events/s and >= 0.5 x floor"). */
  target: string;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(progress: (line: string) => void): Promise<BenchResult[]>;
}

const higherIsBetter = (unit: string) => /\/s$/.test(unit);

export function result(name: string, value: number, unit: string, floor: number | null, target: string): BenchResult {
  const ratio = floor === null || value === 0 ? null : higherIsBetter(unit) ? value / floor : floor / value;
  return { name, value: round(value), unit, floor: floor === null ? null : round(floor), ratio: ratio === null ? null : round(ratio), target };
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000);

/** The p-th percentile (nearest rank) of `values`, which it does not reorder. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
