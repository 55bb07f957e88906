import { canonicalJson } from './canonical-digest';
import { buildManifest, describeComponents, fingerprintComponents } from './manifest';
import { ManifestError, parseManifest } from './manifest-validation';

describe(fingerprintComponents.name, () => {
  it('does not depend on key order (RFC 8785 canonical form)', () => {
    const a = fingerprintComponents({ os: { kernel: '6.1', arch: 'x64' }, cpu: { model: 'm' } });
    const b = fingerprintComponents({ cpu: { model: 'm' }, os: { arch: 'x64', kernel: '6.1' } });
    expect(a).toEqual(b);
    expect(a.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('changes the whole and exactly one component digest when one component changes', () => {
    const a = fingerprintComponents({ os: { kernel: '6.1' }, cpu: { model: 'm' } });
    const b = fingerprintComponents({ os: { kernel: '6.2' }, cpu: { model: 'm' } });
    expect(a.fingerprint).not.toBe(b.fingerprint);
    expect(a.digests.cpu).toBe(b.digests.cpu);
    expect(a.digests.os).not.toBe(b.digests.os);
  });

  it('serializes numbers and strings as RFC 8785 says', () => {
    expect(canonicalJson({ b: [1e21, 0.1, -0], a: '\u20ac\n' })).toBe('{"a":"€\\n","b":[1e+21,0.1,0]}');
  });
});

describe(describeComponents.name, () => {
  it('summarizes package sets and versions', () => {
    const manifest = buildManifest(
      { 'lockfile:uv.lock': { packages: { a: '1', b: '2' } }, 'runtime.node': { version: '20.19.0' } },
      { capturedAt: 't', host: 'h', label: null, git: null },
    );
    expect(describeComponents(manifest).map((c) => c.summary)).toEqual(['2 packages', '20.19.0']);
  });
});

describe(parseManifest.name, () => {
  const about = { capturedAt: '2026-01-01T00:00:00.000Z', host: 'h', label: null, git: null };
  const good = () =>
    JSON.parse(
      JSON.stringify(
        buildManifest({ os: { kernel: '6.1' }, 'env-vars': { variables: { TZ: 'UTC' } } }, about),
      ),
    );

  it('accepts a manifest whose fingerprint matches its components', () => {
    expect(parseManifest(good()).fingerprint).toBe(good().fingerprint);
  });

  it('refuses a fingerprint that does not match, naming the field', () => {
    const tampered = { ...good(), components: { ...good().components, os: { kernel: '6.2' } } };
    expect(() => parseManifest(tampered)).toThrow(/^manifest\.fingerprint: does not match the components/);
  });

  it('refuses a secret-looking variable, naming it', () => {
    const leaked = good();
    leaked.components['env-vars'].variables.DB_PASSWORD = 'x';
    delete leaked.fingerprint;
    expect(() => parseManifest(leaked)).toThrow(
      new ManifestError(
        'manifest.components.env-vars.variables.DB_PASSWORD',
        'looks like a secret; secrets are never recorded',
      ),
    );
  });

  it('names the first malformed field', () => {
    expect(() => parseManifest({ ...good(), schema: 'v0' })).toThrow(/^manifest\.schema: /);
  });
});
