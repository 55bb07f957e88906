import { buildArgsOf, dependenciesOf, environmentOf, interpolate, portsOf } from './compose-syntax';

describe('compose syntax', () => {
  it.each([
    ['${LOG_LEVEL:-info}', 'info', []],
    ['${TOKENS:-}', '', []],
    ['${A-x}/${B:+y}', 'x/', []],
    ['$$literal', '$literal', []],
    ['http://${HOST}:$PORT', 'http://:', ['HOST', 'PORT']],
    ['${SECRET:?set it}', '', ['SECRET']],
  ])('interpolates %s as an empty host environment would', (raw, value, fromHost) => {
    expect(interpolate(raw)).toEqual({ value, fromHost });
  });

  it('reads environment in map and list form, keeping pass-through variables as null', () => {
    expect(environmentOf({ environment: { PORT: 7101, HOST: null } })).toEqual({ PORT: '7101', HOST: null });
    expect(environmentOf({ environment: ['PORT=7101', 'URL=a=b', 'HOST'] })).toEqual({
      PORT: '7101',
      URL: 'a=b',
      HOST: null,
    });
  });

  it('reads ports in short and long syntax', () => {
    expect(
      portsOf({ ports: ['127.0.0.1:7101:7101', '8080:80/tcp', 9000, { target: 7102, published: '7102' }] }),
    ).toEqual([
      { target: 7101, published: 7101 },
      { target: 80, published: 8080 },
      { target: 9000 },
      { target: 7102, published: 7102 },
    ]);
  });

  it('reads depends_on in list and map form', () => {
    expect(dependenciesOf({ depends_on: ['kafka'] })).toEqual({ kafka: 'service_started' });
    expect(dependenciesOf({ depends_on: { redis: { condition: 'service_healthy' } } })).toEqual({
      redis: 'service_healthy',
    });
  });

  it('reads build args in map and list form', () => {
    expect(buildArgsOf({ build: { args: { SERVICE: 'tracker', PORT: 7103 } } })).toEqual({
      SERVICE: 'tracker',
      PORT: '7103',
    });
    expect(buildArgsOf({ build: { args: ['SERVICE=tracker'] } })).toEqual({ SERVICE: 'tracker' });
    expect(buildArgsOf({ build: '.' })).toBeUndefined();
  });
});
