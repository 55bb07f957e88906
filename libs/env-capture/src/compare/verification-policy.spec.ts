import { buildManifest, type ComponentData } from '../manifest';
import { diffManifests } from './environment-diff';
import { DEFAULT_POLICY, verifyDifferences, type VerificationPolicy } from './verification-policy';

const about = { capturedAt: '2026-01-01T00:00:00.000Z', host: 'h', label: null, git: null };
const baseline = (): Record<string, ComponentData> => ({
  os: { kernel: '6.1.0-18-amd64', pretty: 'Debian GNU/Linux 12' },
  cpu: { model: 'Xeon', flags: ['avx2', 'sse4_2'], logicalCpus: 8 },
  'runtime.node': { version: '20.19.0' },
  'lockfile:requirements.txt': {
    file: 'requirements.txt',
    sha256: 'sha256:aa',
    packages: { numpy: '1.26.4', pandas: '2.2.0' },
  },
});

function verify(change: (c: Record<string, ComponentData>) => void, policy?: VerificationPolicy) {
  const reference = buildManifest(baseline(), about);
  const components = baseline();
  change(components);
  const actual = buildManifest(components, about);
  return verifyDifferences(
    reference.fingerprint === actual.fingerprint,
    diffManifests(reference, actual),
    policy,
  );
}

describe(verifyDifferences.name, () => {
  it('calls equal environments identical, with no differences', () => {
    expect(verify(() => undefined)).toMatchObject({ verdict: 'IDENTICAL', differences: [] });
  });

  it('names the package whose version changed in a lockfile, and blocks on it', () => {
    const result = verify((c) => {
      c['lockfile:requirements.txt'] = {
        file: 'requirements.txt',
        sha256: 'sha256:bb',
        packages: { numpy: '1.26.5', pandas: '2.2.0' },
      };
    });
    expect(result.verdict).toBe('DRIFTED');
    expect(result.differences).toContainEqual({
      component: 'lockfile:requirements.txt',
      path: 'packages.numpy',
      expected: '1.26.4',
      actual: '1.26.5',
      severity: 'BLOCKING',
    });
    expect(result.differences.map((d) => d.path)).not.toContain('packages.pandas');
  });

  it('tolerates a kernel patch release but not a new minor version', () => {
    expect(verify((c) => void (c.os = { ...c.os, kernel: '6.1.0-20-amd64' })).verdict).toBe('COMPATIBLE');
    const minor = verify((c) => void (c.os = { ...c.os, kernel: '6.5.0-1-amd64' }));
    expect(minor.verdict).toBe('DRIFTED');
    expect(minor.differences[0]).toMatchObject({ component: 'os', path: 'kernel', severity: 'BLOCKING' });
  });

  it('lists CPU flags as set members and tolerates them by default', () => {
    const result = verify((c) => void (c.cpu = { ...c.cpu, flags: ['avx2', 'avx512f', 'sse4_2'] }));
    expect(result).toMatchObject({ verdict: 'COMPATIBLE' });
    expect(result.differences).toEqual([
      { component: 'cpu', path: 'flags[avx512f]', expected: null, actual: 'avx512f', severity: 'TOLERATED' },
    ]);
  });

  it('reports a missing component, and lets a target policy decide differently', () => {
    const policy: VerificationPolicy = {
      rules: [{ match: 'lockfile:*', severity: 'TOLERATED' }],
      default: 'BLOCKING',
    };
    const result = verify((c) => void delete c['lockfile:requirements.txt'], policy);
    expect(result.differences).toEqual([
      {
        component: 'lockfile:requirements.txt',
        path: '',
        expected: expect.stringMatching(/^sha256:/),
        actual: null,
        severity: 'TOLERATED',
      },
    ]);
    expect(result.verdict).toBe('COMPATIBLE');
    expect(result.policyDigest).not.toBe(verify(() => undefined, DEFAULT_POLICY).policyDigest);
  });
});
