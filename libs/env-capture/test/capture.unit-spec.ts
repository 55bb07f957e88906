import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { captureEnvironment, LockfileError } from '../src';

const REPO = resolve(__dirname, '../../..');

function captureInChildProcess(root: string): { fingerprint: string; digests: Record<string, string> } {
  const out = execFileSync(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'fixtures/print-fingerprint.ts'), root],
    {
      cwd: REPO,
      env: { ...process.env, SWC_NODE_PROJECT: join(REPO, 'tsconfig.json') },
    },
  );
  return JSON.parse(out.toString());
}

describe(captureEnvironment.name, () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'env-capture-'));
    writeFileSync(join(root, 'requirements.txt'), 'numpy==1.26.4 --hash=sha256:abc\npandas==2.2.0\n');
    writeFileSync(
      join(root, 'package-lock.json'),
      JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/x': { version: '1.0.0' } } }),
    );
    writeFileSync(
      join(root, 'Dockerfile'),
      'FROM node:20@sha256:' + 'a'.repeat(64) + ' AS build\nFROM python:3.11\nCOPY --from=build /a /a\n',
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('gives the same fingerprint in two separate processes', () => {
    const first = captureInChildProcess(root);
    const second = captureInChildProcess(root);
    expect(second).toEqual(first);
  }, 60_000);

  it('records the lockfiles, the Dockerfile and the runtimes found', async () => {
    const manifest = await captureEnvironment({ root, label: 'dev' });
    expect(Object.keys(manifest.components)).toEqual(
      expect.arrayContaining([
        'os',
        'cpu',
        'runtime.node',
        'env-vars',
        'lockfile:package-lock.json',
        'lockfile:requirements.txt',
        'dockerfile:Dockerfile',
      ]),
    );
    expect(manifest.components['lockfile:requirements.txt']).toMatchObject({
      format: 'pip',
      packages: { numpy: '1.26.4', pandas: '2.2.0' },
    });
    expect(manifest.components['dockerfile:Dockerfile'].baseImages).toEqual([
      { ref: `node:20@sha256:${'a'.repeat(64)}`, pinned: true },
      { ref: 'python:3.11', pinned: false },
    ]);
    expect(manifest.components['runtime.node']).toEqual({ version: process.versions.node });
    expect(manifest.label).toBe('dev');
  });

  it('changes exactly the lockfile digest when one package version changes', async () => {
    const before = await captureEnvironment({ root });
    writeFileSync(join(root, 'requirements.txt'), 'numpy==1.26.5 --hash=sha256:abc\npandas==2.2.0\n');
    const after = await captureEnvironment({ root });
    expect(after.fingerprint).not.toBe(before.fingerprint);
    const changed = Object.keys(after.digests).filter((name) => after.digests[name] !== before.digests[name]);
    expect(changed).toEqual(['lockfile:requirements.txt']);
  });

  it('fails with the file and line of a malformed lockfile', async () => {
    writeFileSync(join(root, 'requirements.txt'), 'numpy==1.26.4\nthis is not a requirement\n');
    await expect(captureEnvironment({ root })).rejects.toThrow(
      new LockfileError('requirements.txt', 2, 'cannot parse requirement "this is not a requirement"'),
    );
  });
});
