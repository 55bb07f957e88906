import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyProjectConfig, ProjectConfigError } from './project-config';

const dirWith = (yaml: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'pcfg-'));
  writeFileSync(join(dir, 'provenant.yaml'), yaml);
  return dir;
};

describe('provenant.yaml', () => {
  it('sets the token and service URLs, the environment winning', () => {
    const env: NodeJS.ProcessEnv = { PROVENANT_TOKEN: 'from-env' };
    const dir = dirWith(
      'token: from-file\nservices:\n  tracker: http://tracker.internal:7103\ndataRemote: s3://b/p\n',
    );
    expect(applyProjectConfig(env, dir)).toBe(join(dir, 'provenant.yaml'));
    expect(env).toEqual({
      PROVENANT_TOKEN: 'from-env',
      PROVENANT_TRACKER_URL: 'http://tracker.internal:7103',
      PROVENANT_DATA_REMOTE: 's3://b/p',
    });
  });

  it('names what is wrong in the file', () => {
    const dir = dirWith('services:\n  trackr: http://x\n  registry: not-a-url\n');
    expect(() => applyProjectConfig({}, dir)).toThrow(ProjectConfigError);
    expect(() => applyProjectConfig({}, dir)).toThrow(/services: Unrecognized key.*\(trackr\)/);
  });

  it('is optional, unless PROVENANT_CONFIG names a file', () => {
    const empty = mkdtempSync(join(tmpdir(), 'pcfg-'));
    expect(applyProjectConfig({}, empty)).toBeNull();
    expect(() => applyProjectConfig({ PROVENANT_CONFIG: 'missing.yaml' }, empty)).toThrow(
      /PROVENANT_CONFIG: .*missing.yaml does not exist/,
    );
  });
});
