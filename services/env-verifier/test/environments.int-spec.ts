import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { captureEnvironment, type EnvironmentManifest } from '@provenant/env-capture';
import { useTestEnv } from '@provenant/testing';
import { call, countRows, readEvents, startEnvVerifier, TOKENS } from './fixtures/env-verifier-app';

const TOPIC = 'provenant.environments.v1';

describe('env-verifier: record and verify environments', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let url: string;
  let root: string;

  const capture = async (requirements: string, label?: string): Promise<EnvironmentManifest> => {
    writeFileSync(join(root, 'requirements.txt'), requirements);
    return captureEnvironment({ root, label, env: { PATH: process.env.PATH, TZ: 'UTC' } });
  };
  const production = 'numpy==1.26.4\npandas==2.2.0\n';
  const drifted = 'numpy==1.26.5\npandas==2.2.0\n';

  beforeAll(async () => {
    await env().createTopics([TOPIC]);
    ({ app, url } = await startEnvVerifier(env()));
    root = mkdtempSync(join(tmpdir(), 'env-verifier-'));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('records a manifest under its own fingerprint and publishes EnvironmentCaptured with PROV references', async () => {
    const manifest = await capture(production, 'production');
    const res = await call(url, 'POST', '/environments', { manifest });
    expect(res.status).toBe(201);
    expect(res.body.fingerprint).toBe(manifest.fingerprint);
    expect(res.body.components).toContainEqual({
      name: 'lockfile:requirements.txt',
      digest: manifest.digests['lockfile:requirements.txt'],
      summary: '2 packages',
    });

    const [event] = await readEvents(env(), TOPIC, 'EnvironmentCaptured', 1);
    expect(event).toMatchObject({
      captureId: res.body.captureId,
      fingerprint: manifest.fingerprint,
      label: 'production',
      arch: process.arch,
      runtimes: expect.objectContaining({ node: process.versions.node }),
    });
    expect(event.meta.subject).toEqual({ kind: 'env', id: manifest.fingerprint });
    expect(event.meta.generated).toContainEqual(
      expect.objectContaining({ kind: 'env', id: manifest.fingerprint }),
    );
    expect(event.meta.actor).toMatchObject({ principal: expect.any(String), kind: 'pipeline' });
    expect(
      (await call(url, 'GET', `/environments/${manifest.fingerprint}`, undefined, TOKENS.auditor)).body
        .components,
    ).toEqual(manifest.components);
  });

  it('calls a second capture of the same state identical to the target', async () => {
    const again = await capture(production);
    const res = await call(url, 'POST', '/environments/verifications', {
      manifest: again,
      reference: { target: 'production' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      verdict: 'IDENTICAL',
      differences: [],
      reference: { kind: 'TARGET', id: 'production' },
    });
  });

  it('names the package whose version drifted, blocks on it, and publishes EnvironmentVerified for the promotion gate', async () => {
    const candidate = await capture(drifted);
    const res = await call(url, 'POST', '/environments/verifications', {
      manifest: candidate,
      reference: { target: 'production' },
    });
    expect(res.status).toBe(201);
    expect(res.body.verdict).toBe('DRIFTED');
    expect(res.body.differences[0]).toEqual({
      component: 'lockfile:requirements.txt',
      path: 'packages.numpy',
      expected: '1.26.4',
      actual: '1.26.5',
      severity: 'BLOCKING',
    });

    const events = await readEvents(env(), TOPIC, 'EnvironmentVerified', 2);
    const event = events.find((e) => e.verificationId === res.body.verificationId);
    expect(event).toMatchObject({
      fingerprint: candidate.fingerprint,
      reference: { kind: 'TARGET', id: 'production', fingerprint: res.body.reference.fingerprint },
      verdict: 'DRIFTED',
      policyDigest: res.body.policyDigest,
      differenceCount: res.body.differences.length,
    });
    expect(event.differences).toContainEqual(
      expect.objectContaining({ path: 'packages.numpy', severity: 'BLOCKING' }),
    );
    expect(event.meta.used.map((r: any) => r.kind)).toEqual(['env', 'env']);
    const stored = await call(
      url,
      'GET',
      `/environments/verifications/${res.body.verificationId}`,
      undefined,
      TOKENS.auditor,
    );
    expect(stored.body).toMatchObject({ verdict: 'DRIFTED', referenceId: 'production' });
  });

  it('applies a target’s own policy: staging tolerates lockfile drift', async () => {
    await call(url, 'POST', '/environments', { manifest: await capture(production), label: 'staging' });
    const policy = { rules: [{ match: 'lockfile:*', severity: 'TOLERATED' }], default: 'BLOCKING' };
    expect(
      (await call(url, 'PUT', '/environments/targets/staging', { policy }, TOKENS.approver)).status,
    ).toBe(200);
    const res = await call(url, 'POST', '/environments/verifications', {
      manifest: await capture(drifted),
      reference: { target: 'staging' },
    });
    expect(res.body.verdict).toBe('COMPATIBLE');
    expect(res.body.differences).toContainEqual(
      expect.objectContaining({ path: 'packages.numpy', severity: 'TOLERATED' }),
    );
  });

  it('shows parity between dev, staging and production', async () => {
    await call(url, 'POST', '/environments', { manifest: await capture(drifted), label: 'dev' });
    const res = await call(
      url,
      'GET',
      '/environments/parity?targets=dev,staging,production',
      undefined,
      TOKENS.auditor,
    );
    expect(res.status).toBe(200);
    expect(res.body.targets.map((t: any) => t.name)).toEqual(['dev', 'staging', 'production']);
    const cell = (a: string, b: string) =>
      res.body.cells.find((c: any) => c.environment === a && c.reference === b);
    // The package and the lockfile's own digest both differ, and both block.
    expect(cell('dev', 'production')).toMatchObject({ verdict: 'DRIFTED', blocking: 2 });
    expect(cell('dev', 'production').reasons[0]).toBe(
      'lockfile:requirements.txt.packages.numpy: 1.26.4 → 1.26.5',
    );
    expect(cell('dev', 'staging')).toMatchObject({ verdict: 'COMPATIBLE', blocking: 0 });
    expect(cell('staging', 'production')).toMatchObject({ verdict: 'IDENTICAL' });
  });

  describe('refusals write nothing', () => {
    let before: { captures: number; verifications: number };
    beforeEach(async () => {
      before = {
        captures: await countRows(env(), 'environment_captures'),
        verifications: await countRows(env(), 'environment_verifications'),
      };
    });
    afterEach(async () => {
      expect(await countRows(env(), 'environment_captures')).toBe(before.captures);
      expect(await countRows(env(), 'environment_verifications')).toBe(before.verifications);
    });

    it('422 for a manifest whose fingerprint does not match its components', async () => {
      const manifest = await capture(production);
      const tampered = {
        ...manifest,
        components: { ...manifest.components, os: { ...manifest.components.os, kernel: '0.0.1' } },
      };
      const res = await call(url, 'POST', '/environments', { manifest: tampered });
      expect(res.status).toBe(422);
      expect(res.body.field).toBe('manifest.fingerprint');
    });

    it('422 for a manifest carrying a secret-looking variable', async () => {
      const manifest = await capture(production);
      const leaked: any = {
        ...manifest,
        fingerprint: undefined,
        components: { ...manifest.components, 'env-vars': { variables: { GITHUB_TOKEN: 'x' } } },
      };
      const res = await call(url, 'POST', '/environments', { manifest: leaked });
      expect(res.status).toBe(422);
      expect(res.body.field).toBe('manifest.components.env-vars.variables.GITHUB_TOKEN');
    });

    it('404 naming the reference for an unknown target, without recording the manifest', async () => {
      const res = await call(url, 'POST', '/environments/verifications', {
        manifest: await capture(production),
        reference: { target: 'nowhere' },
      });
      expect(res.status).toBe(404);
      expect(res.body.field).toBe('reference.target');
    });

    it('400 naming the fields for ambiguous or malformed requests', async () => {
      const manifest = await capture(production);
      const both = await call(url, 'POST', '/environments/verifications', {
        manifest,
        fingerprint: manifest.fingerprint,
        reference: { target: 'production' },
      });
      expect(both).toMatchObject({ status: 400, body: { field: 'fingerprint|manifest' } });
      const noRef = await call(url, 'POST', '/environments/verifications', { manifest, reference: {} });
      expect(noRef).toMatchObject({
        status: 400,
        body: { field: 'reference.target|reference.fingerprint|reference.runId' },
      });
      const badPolicy = await call(url, 'POST', '/environments/verifications', {
        manifest,
        reference: { target: 'production' },
        policy: { rules: [{ match: 'x', severity: 'MAYBE' }] },
      });
      expect(badPolicy).toMatchObject({ status: 400, body: { field: 'policy.rules.0.severity' } });
      const badFingerprint = await call(url, 'POST', '/environments/verifications', {
        fingerprint: 'md5:abc',
        reference: { target: 'production' },
      });
      expect(badFingerprint.status).toBe(400);
      expect(JSON.stringify(badFingerprint.body)).toContain('fingerprint');
    });

    it('403 naming the role for a token that may not record', async () => {
      const res = await call(
        url,
        'POST',
        '/environments',
        { manifest: await capture(production) },
        TOKENS.auditor,
      );
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/requires role pipeline or scientist/);
    });
  });
});
