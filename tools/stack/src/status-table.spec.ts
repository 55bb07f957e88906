import { formatStatusTable } from './status-table';

describe('formatStatusTable', () => {
  it('aligns columns and names who started each service', () => {
    const table = formatStatusTable([
      { service: 'kafka', address: '127.0.0.1:9092', state: 'up', startedBy: 'stack', pid: 123 },
      { service: 'postgres', address: '127.0.0.1:5432', state: 'up', startedBy: 'external', pid: null },
      { service: 'redis', address: '127.0.0.1:6379', state: 'down', startedBy: null, pid: null },
    ]);
    expect(table.split('\n')).toEqual([
      'SERVICE   ADDRESS         STATE  STARTED BY',
      'kafka     127.0.0.1:9092  up     stack (pid 123)',
      'postgres  127.0.0.1:5432  up     external',
      'redis     127.0.0.1:6379  down   -',
    ]);
  });
});
