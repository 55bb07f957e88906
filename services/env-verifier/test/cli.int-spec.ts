import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { runCli, useTestEnv } from '@provenant/testing';
import { startEnvVerifier } from './fixtures/env-verifier-app';

describe('provenant env (CLI)', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let service: Record<string, string>;
  let dir: string;
  const lockfile = (numpy: string) => writeFileSync(join(dir, 'requirements.txt'), `numpy==${numpy}\n`);

  beforeAll(async () => {
    await env().createTopics(['provenant.environments.v1']);
    const started = await startEnvVerifier(env());
    app = started.app;
    service = { PROVENANT_ENV_VERIFIER_URL: started.url };
    dir = mkdtempSync(join(tmpdir(), 'env-cli-'));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('captures to a file, and compares two captures offline naming the drifted package', async () => {
    lockfile('1.26.4');
    const first = await runCli(['env', 'capture', '--root', dir, '--out', join(dir, 'a.json')]);
    expect(first.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
    expect(first.stdout).toContain(`fingerprint ${manifest.fingerprint}`);
    expect(first.stdout).toMatch(/lockfile:requirements\.txt.*1 package/);

    lockfile('1.26.5');
    await runCli(['env', 'capture', '--root', dir, '--out', join(dir, 'b.json')]);
    const compared = await runCli(['env', 'compare', join(dir, 'a.json'), join(dir, 'b.json'), '--json']);
    expect(compared.code).toBe(1);
    expect(JSON.parse(compared.stdout).differences).toContainEqual(
      expect.objectContaining({
        component: 'lockfile:requirements.txt',
        path: 'packages.numpy',
        expected: '1.26.4',
        actual: '1.26.5',
        severity: 'BLOCKING',
      }),
    );
  }, 60_000);

  it('fails with the file and line of a malformed lockfile', async () => {
    writeFileSync(join(dir, 'requirements.txt'), 'numpy==1.26.4\n==oops\n');
    const res = await runCli(['env', 'capture', '--root', dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('requirements.txt:2: cannot parse requirement "==oops"');
  }, 30_000);

  it('publishes captures per target, verifies against one and prints the parity matrix', async () => {
    lockfile('1.26.4');
    for (const label of ['production', 'staging']) {
      const res = await runCli(['env', 'capture', '--root', dir, '--label', label, '--publish'], service);
      expect(res.stdout).toMatch(/recorded as capture [0-9a-f-]{36}/);
    }
    lockfile('1.26.5');
    await runCli(['env', 'capture', '--root', dir, '--label', 'dev', '--publish'], service);

    const verify = await runCli(['env', 'verify', '--root', dir, '--target', 'production'], service);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/^DRIFTED: /);
    expect(verify.stdout).toMatch(
      /BLOCKING.*lockfile:requirements\.txt.*packages\.numpy.*1\.26\.4.*1\.26\.5/,
    );

    const parity = await runCli(['env', 'parity', '--json'], service);
    expect(parity.code).toBe(1);
    const matrix = JSON.parse(parity.stdout);
    const cell = (a: string, b: string) =>
      matrix.cells.find((c: any) => c.environment === a && c.reference === b);
    expect(cell('staging', 'production').verdict).toBe('IDENTICAL');
    expect(cell('dev', 'production').verdict).toBe('DRIFTED');

    const table = await runCli(['env', 'parity'], service);
    expect(table.stdout).toMatch(/dev .*drifted \(2 blocking/);
  }, 90_000);

  it('checks reproducibility from two run files and writes the provenance statement', async () => {
    const sha = (c: string) => `sha256:${c.repeat(64)}`;
    const runFile = (name: string, rmse: number, environment: string) => {
      const file = join(dir, `${name}.json`);
      const outputs = [{ name: 'model.json', digest: sha('a') }];
      writeFileSync(
        file,
        JSON.stringify({
          runId: name,
          commit: 'c'.repeat(40),
          params: { seed: '1' },
          inputs: [],
          outputs,
          metrics: { rmse },
          environment,
        }),
      );
      return file;
    };
    const args = [
      'env',
      'repro',
      '--baseline',
      runFile('local', 0.25, sha('1')),
      '--candidate',
      runFile('container', 0.25000001, sha('2')),
    ];
    const ok = await runCli([...args, '--abs', '1e-6', '--statement', join(dir, 'statement.json')], service);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^REPRODUCED/);
    expect(JSON.parse(readFileSync(join(dir, 'statement.json'), 'utf8'))._type).toBe(
      'https://in-toto.io/Statement/v1',
    );
    const strict = await runCli(args, service);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/NOT_REPRODUCED[\s\S]*METRIC.*rmse/);
  }, 60_000);
});
