import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const services = ['feature-ingest', 'materializer', 'tracker', 'registry', 'env-verifier', 'audit-ledger'];

describe('a service with bad configuration', () => {
  it.each(services)('%s exits non-zero at once, naming KAFKA_BROKERS', (service) => {
    const result = spawnSync(process.execPath, ['-r', '@swc-node/register', path.join(root, 'services', service, 'src/main.ts')], {
      cwd: root,
      env: { ...process.env, KAFKA_BROKERS: 'not a url', SWC_NODE_PROJECT: path.join(root, 'tsconfig.json') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(78);
    const line = JSON.parse(result.stderr.trim().split('\n').pop()!);
    expect(line.level).toBe('fatal');
    expect(line.issues).toEqual([expect.stringMatching(/^KAFKA_BROKERS: expected host:port/)]);
  }, 40_000);
});
