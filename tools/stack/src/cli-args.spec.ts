import { parseCliArgs, UsageError } from './cli-args';

describe('parseCliArgs', () => {
  it.each([
    [['up'], { command: 'up', docker: false }],
    [['down', '--docker'], { command: 'down', docker: true }],
    [['status'], { command: 'status', docker: false, json: false }],
    [['status', '--json'], { command: 'status', docker: false, json: true }],
    [['--json', 'status'], { command: 'status', docker: false, json: true }],
    [['start', 'redis'], { command: 'start', docker: false, service: 'redis' }],
    [['stop', 'kafka'], { command: 'stop', docker: false, service: 'kafka' }],
    [['up', '--help'], { command: 'help' }],
  ])('%j', (argv, expected) => {
    expect(parseCliArgs(argv)).toEqual(expected);
  });

  it.each([
    [[], /missing command/],
    [['launch'], /unknown command launch/],
    [['up', '--force'], /unknown option --force/],
    [['up', 'kafka'], /takes no arguments/],
    [['up', '--json'], /--json only applies to status/],
    [['start'], /needs one service/],
    [['stop', 'mysql'], /needs one service: kafka, postgres, redis/],
    [['start', 'redis', 'kafka'], /needs one service/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
