import { testNamespace, withDatabase } from './test-namespace';

describe(testNamespace.name, () => {
  it('derives every name from one suffix', () => {
    expect(testNamespace('abc123')).toEqual({
      databaseName: 't_abc123',
      topicPrefix: 'tabc123.',
      redisKeyPrefix: 'tabc123:',
    });
  });

  it('gives each call its own random names', () => {
    const names = new Set(Array.from({ length: 50 }, () => testNamespace().topicPrefix));
    expect(names.size).toBe(50);
    for (const name of names) expect(name).toMatch(/^t[0-9a-f]{10}\.$/);
  });

  it('refuses suffixes that are not safe identifiers', () => {
    expect(() => testNamespace('A-b')).toThrow(/\[a-z0-9\]\+/);
  });
});

describe(withDatabase.name, () => {
  it('swaps the database and keeps credentials and query', () => {
    expect(withDatabase('postgres://u:p%40ss@127.0.0.1:5432/provenant?sslmode=disable', 't_1')).toBe(
      'postgres://u:p%40ss@127.0.0.1:5432/t_1?sslmode=disable',
    );
  });
});
