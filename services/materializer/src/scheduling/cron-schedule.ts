import { CronExpressionParser, type CronExpression } from 'cron-parser';

// A tick that has been missed this many times is reported as "at least" this many.
const MAX_COUNTED_TICKS = 1_000;

/**
 * A view's `schedule` (cron, 5 fields, or 6 with seconds first), evaluated in UTC so every
 * instance agrees on the ticks whatever its local time zone. Times are epoch milliseconds.
 */
export class CronSchedule {
  private constructor(private readonly expression: string) {}

  /** Throws with cron-parser's reason when the expression is not valid cron. */
  static parse(expression: string): CronSchedule {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
    return new CronSchedule(expression);
  }

  /** The first tick strictly after `afterMs`. */
  next(afterMs: number): number {
    return this.at(afterMs).next().getTime();
  }

  /**
   * The ticks in [fromMs, nowMs]: how many there were and the last one. After downtime they are
   * all covered by one run (an incremental run reads everything since the cursor anyway).
   */
  due(fromMs: number, nowMs: number): { count: number; last: number } | null {
    if (fromMs > nowMs) return null;
    // cron-parser iterates strictly after currentDate; start 1 ms early so fromMs itself counts.
    const it = this.at(fromMs - 1);
    let count = 0;
    let last = -1;
    for (let t = it.next().getTime(); t <= nowMs; t = it.next().getTime()) {
      last = t;
      if (++count >= MAX_COUNTED_TICKS) {
        last = this.at(nowMs + 1)
          .prev()
          .getTime();
        break;
      }
    }
    return count === 0 ? null : { count, last };
  }

  private at(ms: number): CronExpression {
    return CronExpressionParser.parse(this.expression, { tz: 'UTC', currentDate: new Date(ms) });
  }
}
