import { envVarsComponent } from './env-vars.probe';

describe(envVarsComponent.name, () => {
  const env = {
    LANG: 'C.UTF-8',
    PYTHONHASHSEED: '0',
    HOME: '/root',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    GITHUB_TOKEN: 'ghp_0123456789abcdefghijABCDEFGHIJ012345',
    DB_PASSWORD: 'hunter2',
    API_KEY: 'k',
    MY_SERVICE_URL: 'postgres://app:hunter2@db:5432/app',
    MY_SETTING: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig',
    MY_PLAIN_SETTING: 'fast',
  };

  it('records only allow-listed variables by default', () => {
    expect(envVarsComponent(env).variables).toEqual({ LANG: 'C.UTF-8', PYTHONHASHSEED: '0' });
  });

  it('never records a secret, even when the allowlist asks for everything', () => {
    const component = envVarsComponent(env, ['*']);
    const text = JSON.stringify(component);
    for (const secret of ['wJalrXUtnFEMI', 'AKIAIOSFODNN7EXAMPLE', 'ghp_', 'hunter2', 'eyJhbGci'])
      expect(text).not.toContain(secret);
    for (const name of [
      'AWS_SECRET_ACCESS_KEY',
      'AWS_ACCESS_KEY_ID',
      'GITHUB_TOKEN',
      'DB_PASSWORD',
      'API_KEY',
      'MY_SERVICE_URL',
      'MY_SETTING',
    ])
      expect(component.variables).not.toHaveProperty(name);
    expect(component.variables).toMatchObject({ HOME: '/root', MY_PLAIN_SETTING: 'fast' });
  });

  it('accepts prefixes in the allowlist', () => {
    expect(envVarsComponent({ PROVENANT_SEED_TRAIN: '42', PROVENANT_OTHER: 'x' }).variables).toEqual({
      PROVENANT_SEED_TRAIN: '42',
    });
  });
});
