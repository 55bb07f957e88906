// No Docker engine runs in CI, so `docker compose config` cannot catch a stale docker-compose.yml.
// This test reads the file as data and holds it against the code: SERVICE_CATALOG for names and
// ports, each service's config schema for its variables.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { SERVICE_CATALOG } from '@provenant/sdk';
import { checkComposeFile, type ServiceSpec } from '../src/compose-check';
import type { ComposeFile } from '../src/compose-syntax';

const repoRoot = path.resolve(__dirname, '../../..');

/** Compose resolves `<<:` merge keys; so must we, or anchored environments would look empty. */
function readCompose(): ComposeFile {
  return YAML.parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true });
}

const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/**
 * Loaded by convention (`services/<name>/src/config.ts` exports `<camelName>ConfigSchema`) with a
 * dynamic import: a tool may not depend on apps (Nx tags), and this test only reads their schemas.
 */
async function loadSpecs(): Promise<ServiceSpec[]> {
  return Promise.all(
    SERVICE_CATALOG.map(async ({ name, port }) => {
      const schemaName = `${camel(name)}ConfigSchema`;
      const module = await import(path.join(repoRoot, 'services', name, 'src', 'config.ts'));
      if (!module[schemaName])
        throw new Error(`services/${name}/src/config.ts does not export ${schemaName}`);
      return { name, port, schema: module[schemaName], schemaName };
    }),
  );
}

describe('docker-compose.yml', () => {
  let specs: ServiceSpec[];
  let compose: ComposeFile;

  beforeAll(async () => {
    specs = await loadSpecs();
    compose = readCompose();
  });

  it('has the infrastructure: kafka, postgres, redis (names `npm run stack -- up --docker` starts) and jaeger', () => {
    expect(checkComposeFile(compose, [])).toEqual([]);
  });

  it.each(SERVICE_CATALOG.map((s) => s.name))(
    'agrees with the config schema and catalog entry of %s',
    (name) => {
      expect(
        checkComposeFile(
          compose,
          specs.filter((s) => s.name === name),
        ),
      ).toEqual([]);
    },
  );

  describe('reports drift', () => {
    // A structured clone, so a mutation never leaks into the other tests.
    const mutated = (edit: (c: ComposeFile) => void) => {
      const copy = structuredClone(compose);
      edit(copy);
      return checkComposeFile(copy, specs);
    };
    const envOf = (c: ComposeFile, name: string) => c.services![name].environment as Record<string, unknown>;

    it('a misspelled variable', () => {
      const problems = mutated((c) => {
        const env = envOf(c, 'materializer');
        env.REDIS_URI = env.REDIS_URL;
        delete env.REDIS_URL;
      });
      expect(problems).toContain('materializer: REDIS_URI is not a variable of materializerConfigSchema');
      // With REDIS_URL gone, the schema default (127.0.0.1) is what the container would use.
      expect(problems).toContain('materializer: REDIS_URL points at 127.0.0.1, not redis');
    });

    it('a port that no longer matches the catalog', () => {
      const problems = mutated((c) => {
        envOf(c, 'tracker').PORT = 7999;
      });
      expect(problems).toContain('tracker: PORT is 7999, SERVICE_CATALOG says 7103');
      expect(problems.some((p) => p.startsWith('tracker: must publish 7103:7999'))).toBe(true);
    });

    it('a value the schema rejects, after resolving ${VAR:-default}', () => {
      const problems = mutated((c) => {
        envOf(c, 'registry').LOG_LEVEL = '${LOG_LEVEL:-verbose}';
      });
      expect(problems.some((p) => p.startsWith('registry: registryConfigSchema rejects LOG_LEVEL:'))).toBe(
        true,
      );
    });

    it('a missing dependency on the infrastructure a variable points at', () => {
      const problems = mutated((c) => {
        delete (c.services!.materializer.depends_on as Record<string, unknown>).redis;
      });
      expect(problems).toContain(
        'materializer: depends_on must have redis with condition service_healthy (has none)',
      );
    });

    it('a missing infrastructure service', () => {
      expect(mutated((c) => delete c.services!.jaeger)).toContain('jaeger: service is missing');
    });
  });
});
