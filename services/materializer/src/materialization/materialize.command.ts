import type { EntityManager } from 'typeorm';
import type { MaterializationRun } from './materialization-run';

/** What to materialize: views (null = every current view), and an event-time window for BATCH. */
export interface MaterializeCommand {
  views: string[] | null;
  start: number | null;
  end: number | null;
  chunkSize: number;
  /** Called after each committed chunk (progress; tests use it to crash mid-run). */
  onChunk?: (run: MaterializationRun) => void;
  /** Set by the scheduler: the tick (epoch ms) the run stands for and how many ticks it covers. */
  scheduled?: { tick: number; ticksCovered: number };
  /** Runs in the transaction that completes the run (the scheduler moves its schedule there). */
  onCompleted?: (m: EntityManager, run: MaterializationRun) => Promise<void>;
}
