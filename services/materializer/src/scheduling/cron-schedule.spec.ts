import { CronSchedule } from './cron-schedule';

const T = Date.UTC(2026, 0, 1, 10, 0, 0); // a whole minute

describe(CronSchedule.name, () => {
  it('finds the next tick of a 6-field (seconds) and a 5-field schedule, in UTC', () => {
    expect(CronSchedule.parse('* * * * * *').next(T + 500)).toBe(T + 1_000);
    expect(CronSchedule.parse('*/15 * * * *').next(T)).toBe(T + 15 * 60_000);
  });

  it('counts the ticks missed during a gap and names the last one', () => {
    const sut = CronSchedule.parse('* * * * * *');
    expect(sut.due(T, T + 4_500)).toEqual({ count: 5, last: T + 4_000 });
    expect(sut.due(T + 1_000, T + 999)).toBeNull();
    expect(sut.due(T + 1, T + 999)).toBeNull();
  });

  it('caps the count of a very long gap but still names the last tick', () => {
    const sut = CronSchedule.parse('* * * * * *');
    const due = sut.due(T, T + 86_400_000)!;
    expect(due.count).toBe(1_000);
    expect(due.last).toBe(T + 86_400_000);
  });

  it('rejects what is not cron', () => {
    expect(() => CronSchedule.parse('every minute')).toThrow();
    expect(() => CronSchedule.parse('61 * * * *')).toThrow(/61/);
  });
});
