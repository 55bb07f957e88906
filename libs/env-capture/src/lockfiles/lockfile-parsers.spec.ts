import { LockfileError } from './lockfile-error';
import { parseCondaEnvironment, parseCondaLock } from './conda.parser';
import { parseNpmLock } from './npm-lock.parser';
import { parseRequirements } from './requirements.parser';
import { parsePoetryLock, parseUvLock } from './toml-lock.parser';

function errorOf(fn: () => unknown): LockfileError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LockfileError) return err;
    throw err;
  }
  throw new Error('expected a LockfileError');
}

describe('lockfile parsers', () => {
  describe(parseNpmLock.name, () => {
    it('reads v3 packages, nested versions of one name together, workspace links', () => {
      const lock = {
        lockfileVersion: 3,
        packages: {
          '': { name: 'app' },
          'node_modules/lodash': { version: '4.17.21' },
          'node_modules/a/node_modules/lodash': { version: '3.10.1' },
          'node_modules/@scope/x': { version: '1.0.0' },
          'node_modules/@provenant/sdk': { resolved: 'libs/sdk', link: true },
        },
      };
      const parsed = parseNpmLock('package-lock.json', JSON.stringify(lock, null, 2));
      expect(parsed.packages).toEqual({
        '@provenant/sdk': 'link:libs/sdk',
        '@scope/x': '1.0.0',
        lodash: '3.10.1, 4.17.21',
      });
    });

    it('reads the v1 nested dependencies', () => {
      const lock = {
        lockfileVersion: 1,
        dependencies: { a: { version: '1.0.0', dependencies: { b: { version: '2.0.0' } } } },
      };
      expect(parseNpmLock('package-lock.json', JSON.stringify(lock)).packages).toEqual({
        a: '1.0.0',
        b: '2.0.0',
      });
    });

    it('names the file and line of a JSON syntax error', () => {
      const err = errorOf(() =>
        parseNpmLock('web/package-lock.json', '{\n  "lockfileVersion": 3,\n  "packages": {,\n}'),
      );
      expect(err.file).toBe('web/package-lock.json');
      expect(err.line).toBe(3);
      expect(err.message).toMatch(/^web\/package-lock\.json:3: invalid JSON/);
    });
  });

  describe(parseRequirements.name, () => {
    it('reads pins, specifiers, extras, markers, hashes across continuation lines; skips options', () => {
      const text = [
        '# comment',
        '--index-url https://user:secret@pypi.example/simple',
        'NumPy==1.26.4 \\',
        '    --hash=sha256:aaa \\',
        '    --hash=sha256:bbb',
        'requests[socks]>=2.31,<3 ; python_version >= "3.8"',
        'torch @ https://download.example/torch-2.2.whl',
        'scikit_learn==1.4.0  # trailing comment',
        '-e .',
      ].join('\n');
      const parsed = parseRequirements('requirements.txt', text);
      expect(parsed.packages).toEqual({
        numpy: '1.26.4',
        requests: '>=2.31,<3',
        'scikit-learn': '1.4.0',
        torch: '@ https://download.example/torch-2.2.whl',
      });
      expect(parsed.extra).toEqual({ hashes: { numpy: ['sha256:aaa', 'sha256:bbb'] } });
      expect(JSON.stringify(parsed)).not.toContain('secret');
    });

    it('names the line a malformed requirement starts on', () => {
      const err = errorOf(() => parseRequirements('requirements.txt', 'numpy==1.0\n\npandas ==\n'));
      expect(err.message).toBe('requirements.txt:3: cannot parse requirement "pandas =="');
    });
  });

  describe('TOML lockfiles', () => {
    const lock = (extra: string) =>
      `version = 1\n\n[[package]]\nname = "NumPy"\nversion = "1.26.4"\n\n[[package]]\nname = "my-app"\nsource = { editable = "." }\n${extra}`;

    it('reads uv.lock, the project itself recorded as local', () => {
      expect(parseUvLock('uv.lock', lock('')).packages).toEqual({ numpy: '1.26.4', 'my-app': 'local' });
    });

    it('reads poetry.lock and keeps its content hash', () => {
      const parsed = parsePoetryLock(
        'poetry.lock',
        `[[package]]\nname = "pandas"\nversion = "2.2.0"\n\n[metadata]\ncontent-hash = "abc"\n`,
      );
      expect(parsed.packages).toEqual({ pandas: '2.2.0' });
      expect(parsed.extra).toEqual({ contentHash: 'abc' });
    });

    it('names the line of a TOML syntax error', () => {
      const err = errorOf(() =>
        parsePoetryLock('poetry.lock', '[[package]]\nname = "x"\nversion = 1.2.3.4 =\n'),
      );
      expect(err.line).toBe(3);
      expect(err.message).toMatch(/^poetry\.lock:3: invalid TOML/);
    });
  });

  describe('conda', () => {
    it('reads environment.yml match specs and its pip section', () => {
      const text =
        'name: ml\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - conda-forge::numpy==1.26.4\n  - scipy>=1.11\n  - pip:\n    - torch==2.2.0\n';
      expect(parseCondaEnvironment('environment.yml', text).packages).toEqual({
        numpy: '1.26.4',
        'pip:torch': '2.2.0',
        python: '3.11',
        scipy: '>=1.11',
      });
    });

    it('reads conda-lock.yml packages per manager and its content hashes', () => {
      const text = [
        'version: 1',
        'metadata:',
        '  content_hash: {linux-64: abc}',
        '  platforms: [linux-64]',
        'package:',
        '  - {name: numpy, version: 1.26.4, manager: conda, platform: linux-64, hash: {md5: x}}',
        '  - {name: torch, version: 2.2.0, manager: pip, platform: linux-64, hash: {sha256: y}}',
      ].join('\n');
      const parsed = parseCondaLock('conda-lock.yml', text);
      expect(parsed.packages).toEqual({ numpy: '1.26.4', 'pip:torch': '2.2.0' });
      expect(parsed.extra).toEqual({ contentHash: { 'linux-64': 'abc' }, platforms: ['linux-64'] });
    });

    it('names the line of a YAML syntax error', () => {
      const err = errorOf(() =>
        parseCondaEnvironment('environment.yml', 'name: ml\ndependencies:\n  - numpy\n - [broken\n'),
      );
      expect(err.file).toBe('environment.yml');
      expect(err.line).toBe(4);
    });
  });
});
