import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  isRecordedProcess,
  isRunning,
  parseProcStat,
  ProcSnapshot,
  readProcSnapshot,
  runningPidFromFile,
} from './process-identity';
import { STARTED_BY, OwnedProcess } from './ownership-record';

const entry: OwnedProcess = {
  service: 'kafka',
  pid: 777,
  port: 9092,
  startedAt: '2025-01-01T00:00:00.000Z',
  startedBy: STARTED_BY,
  procStartTicks: 5000,
  commandMarker: 'kafka.Kafka',
  logFile: '/state/kafka/broker.log',
};
const reader = (snapshot: ProcSnapshot | undefined) => () => snapshot;

describe('parseProcStat', () => {
  it('reads state and start time even when the command name holds spaces and parentheses', () => {
    const stat = '777 (java (x) y) S 1 777 777 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 30 0 98765 1000 200';
    expect(parseProcStat(stat)).toEqual({ state: 'S', startTicks: 98765 });
  });

  it('returns undefined for truncated input', () => {
    expect(parseProcStat('1 (x) S 1')).toBeUndefined();
  });

  it('reads this very process', () => {
    expect(readProcSnapshot(process.pid)?.cmdline).toContain('node');
  });
});

describe('isRecordedProcess', () => {
  it('accepts the same pid, start time and command', () => {
    expect(
      isRecordedProcess(entry, reader({ state: 'S', startTicks: 5000, cmdline: 'java -cp x kafka.Kafka p' })),
    ).toBe(true);
  });

  it.each<[string, ProcSnapshot | undefined]>([
    ['gone', undefined],
    ['zombie', { state: 'Z', startTicks: 5000, cmdline: 'kafka.Kafka' }],
    ['pid reused by a later process', { state: 'S', startTicks: 9999, cmdline: 'kafka.Kafka' }],
    ['another program', { state: 'S', startTicks: 5000, cmdline: 'vim notes.txt' }],
  ])('rejects a process that is %s', (_label, snapshot) => {
    expect(isRecordedProcess(entry, reader(snapshot))).toBe(false);
  });
});

describe('isRunning', () => {
  it('treats zombies as dead', () => {
    expect(isRunning(1, reader({ state: 'Z', startTicks: 1, cmdline: '' }))).toBe(false);
    expect(isRunning(1, reader({ state: 'R', startTicks: 1, cmdline: '' }))).toBe(true);
  });
});

describe('runningPidFromFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pid-'));
  const file = path.join(dir, 'zipkin.pid');
  const zipkin = { state: 'S', startTicks: 1, cmdline: 'java -jar /m2/zipkin-server-3.5.1-exec.jar' };

  it('returns the recorded pid while that program runs under it', () => {
    fs.writeFileSync(file, '4242');
    expect(runningPidFromFile(file, 'zipkin-server', reader(zipkin))).toBe(4242);
  });

  it('ignores a pid reused by another program, a zombie, a missing or garbled file', () => {
    fs.writeFileSync(file, '4242');
    expect(runningPidFromFile(file, 'zipkin-server', reader({ ...zipkin, cmdline: 'vim' }))).toBeUndefined();
    expect(runningPidFromFile(file, 'zipkin-server', reader({ ...zipkin, state: 'Z' }))).toBeUndefined();
    fs.writeFileSync(file, 'not a pid');
    expect(runningPidFromFile(file, 'zipkin-server', reader(zipkin))).toBeUndefined();
    expect(runningPidFromFile(path.join(dir, 'absent.pid'), 'zipkin-server', reader(zipkin))).toBeUndefined();
  });
});
