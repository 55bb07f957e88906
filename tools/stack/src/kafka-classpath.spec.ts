import { isClasspathUsable } from './kafka-classpath';

const present = new Set(['/m2/a.jar', '/m2/b.jar']);
const exists = (file: string) => present.has(file);

describe('isClasspathUsable', () => {
  it('accepts a cache from the same pom whose jars all exist', () => {
    expect(isClasspathUsable({ classpath: '/m2/a.jar:/m2/b.jar', pomSha256: 'abc' }, 'abc', exists)).toBe(
      true,
    );
  });

  it('rejects a cache from another pom (e.g. a Kafka version bump)', () => {
    expect(isClasspathUsable({ classpath: '/m2/a.jar', pomSha256: 'old' }, 'new', exists)).toBe(false);
  });

  it('rejects a cache when a jar was removed from ~/.m2', () => {
    expect(isClasspathUsable({ classpath: '/m2/a.jar:/m2/gone.jar', pomSha256: 'abc' }, 'abc', exists)).toBe(
      false,
    );
  });

  it('rejects a missing or empty cache', () => {
    expect(isClasspathUsable(undefined, 'abc', exists)).toBe(false);
    expect(isClasspathUsable({ classpath: '', pomSha256: 'abc' }, 'abc', exists)).toBe(false);
  });
});
