import { httpServiceConfigSchema, redisUrl } from './base-config.schema';
import { ConfigError, parseConfig } from './load-config';

const schema = httpServiceConfigSchema({ port: 7102, schema: 'materializer' }).extend({
  REDIS_URL: redisUrl,
});

describe(parseConfig.name, () => {
  it('fills defaults from the design (ports, local stack URLs)', () => {
    const config = parseConfig(schema, {});
    expect(config.PORT).toBe(7102);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.DATABASE_SCHEMA).toBe('materializer');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('splits a broker list', () => {
    expect(parseConfig(schema, { KAFKA_BROKERS: 'a:9092, b.example:19092' }).KAFKA_BROKERS).toEqual([
      'a:9092',
      'b.example:19092',
    ]);
  });

  it.each([
    ['KAFKA_BROKERS', 'not a url'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'http://localhost'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
  ])('names %s when it is invalid', (name, value) => {
    expect(() => parseConfig(schema, { [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig(schema, { [name]: value })).toThrow(
      new RegExp(`^Invalid configuration:\\n  ${name}: `),
    );
  });
});
