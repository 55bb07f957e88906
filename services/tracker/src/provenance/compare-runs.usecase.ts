import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RunStore } from '../runs/run.store';
import { MlflowError } from '@provenant/platform';

type ParamChange = { old: string | null; new: string | null };
type MetricChange = { old: number | null; new: number | null; diff: number | null };

export interface RunComparison {
  old: string;
  new: string;
  /** DVC `params diff --json`: `{<source>: {<name>: {old, new}}}`; the source here is `params`. */
  params: { params: Record<string, ParamChange> };
  /** DVC `metrics diff --json`: `{<source>: {<name>: {old, new, diff}}}`, latest values. */
  metrics: { metrics: Record<string, MetricChange> };
}

/**
 * Two runs side by side in the shape DVC users already parse. As DVC does, only what differs is
 * listed unless `all` is asked for; a key on one side only has `null` on the other.
 */
@Injectable()
export class CompareRunsUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly runs: RunStore,
  ) {}

  async execute(ids: string[], all = false): Promise<RunComparison> {
    if (ids.length !== 2)
      throw MlflowError.invalid(`ids must name exactly two runs (old,new), got ${ids.length}.`);
    const [a, b] = await Promise.all(ids.map((id) => this.runs.get(this.db.manager, id)));
    const params: Record<string, ParamChange> = {};
    const pa = new Map(a.params.map((p) => [p.key, p.value]));
    const pb = new Map(b.params.map((p) => [p.key, p.value]));
    for (const key of sortedKeys(pa, pb)) {
      const change = { old: pa.get(key) ?? null, new: pb.get(key) ?? null };
      if (all || change.old !== change.new) params[key] = change;
    }
    const metrics: Record<string, MetricChange> = {};
    const ma = new Map(a.metrics.map((m) => [m.key, m.value]));
    const mb = new Map(b.metrics.map((m) => [m.key, m.value]));
    for (const key of sortedKeys(ma, mb)) {
      const [o, n] = [ma.get(key) ?? null, mb.get(key) ?? null];
      const diff = o !== null && n !== null ? n - o : null;
      if (all || !Object.is(o, n)) metrics[key] = { old: o, new: n, diff };
    }
    return { old: a.info.runId, new: b.info.runId, params: { params }, metrics: { metrics } };
  }
}

const sortedKeys = (a: Map<string, unknown>, b: Map<string, unknown>) =>
  [...new Set([...a.keys(), ...b.keys()])].sort();
