import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { parse } from 'yaml';
import { ensurePythonVenv, useTestEnv } from '@provenant/testing';
import { collectEvents } from './fixtures/registry-app';
import { startRegistryWithConsumer, TOKENS } from './fixtures/model-registry-app';
import { provenant } from './fixtures/run-cli';

const run = promisify(execFile);
const DVC_VERSION = '3.67.1';

const PREPARE = `import os
seed = open("params.yaml").read().split("seed:")[1].strip()
os.makedirs("data/prepared", exist_ok=True)
for name in sorted(os.listdir("data/raw")):
    src = os.path.join("data/raw", name)
    if os.path.isfile(src):
        rows = open(src).read().splitlines()
        open(os.path.join("data/prepared", name), "w").write("\\n".join(r.upper() for r in rows) + f"\\n# seed {seed}\\n")
`;

/** DVC interop against a real DVC project: dvc add, a dvc.yaml stage, dvc repro, then import. */
describe('registry: data import-dvc against a real DVC project', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let url: string;
  let project: string;
  let cacheHome: string;
  let datasets: Awaited<ReturnType<typeof collectEvents>>;
  const data = (...args: string[]) =>
    provenant(['data', ...args], url, TOKENS.pipeline, { XDG_CACHE_HOME: cacheHome });
  const recorded = async (file: string) => parse(await readFile(join(project, file), 'utf8'));

  beforeAll(async () => {
    const python = await ensurePythonVenv('dvc', DVC_VERSION);
    const dvc = (...args: string[]) =>
      run(join(dirname(python), 'dvc'), args, {
        cwd: project,
        env: { ...process.env, DVC_NO_ANALYTICS: '1', PATH: `${dirname(python)}:${process.env.PATH}` },
      });
    ({ app, url } = await startRegistryWithConsumer(env()));
    datasets = await collectEvents(env(), 'provenant.datasets.v1');
    project = await mkdtemp(join(tmpdir(), 'dvc-'));
    cacheHome = await mkdtemp(join(tmpdir(), 'cache-'));
    await mkdir(join(project, 'data', 'raw', 'eu'), { recursive: true });
    await writeFile(join(project, 'data', 'raw', 'a.csv'), 'id,v\n1,x\n');
    await writeFile(join(project, 'data', 'raw', 'b.csv'), 'id,v\n2,y\n');
    await writeFile(join(project, 'data', 'raw', 'eu', 'ç.csv'), 'id,v\n3,z\n');
    await writeFile(join(project, 'data', 'labels.csv'), 'id,label\n1,0\n');
    await writeFile(join(project, 'prepare.py'), PREPARE);
    await writeFile(join(project, 'params.yaml'), 'prepare:\n  seed: 42\n');
    await writeFile(
      join(project, 'dvc.yaml'),
      'stages:\n  prepare:\n    cmd: python prepare.py\n    deps: [data/raw, prepare.py]\n    params: [prepare.seed]\n    outs: [data/prepared]\n',
    );
    await dvc('init', '--no-scm');
    await dvc('add', 'data/raw');
    await dvc('add', 'data/labels.csv');
    await dvc('repro');
  }, 900_000);

  afterAll(async () => {
    await datasets?.stop();
    await app?.close();
    await rm(project, { recursive: true, force: true });
    await rm(cacheHome, { recursive: true, force: true });
  });

  it("computes DVC's own hashes: `data add` of a dvc-added directory gives its .dir MD5", async () => {
    const raw = await recorded('data/raw.dvc');
    const added = JSON.parse(
      (await data('add', join(project, 'data', 'raw'), '--name', 'raw-check', '--json')).stdout,
    );
    expect(added.dvc_md5).toBe(raw.outs[0].md5);
    expect(raw.outs[0].md5).toMatch(/\.dir$/);
  });

  it('imports every output with DVC’s MD5 kept, and the stage as the activity that generated it', async () => {
    const res = await data('import-dvc', project, '--json');
    expect(res.stderr).toBe('');
    const imported = JSON.parse(res.stdout).imported;
    const lock = await recorded('dvc.lock');
    const labels = await recorded('data/labels.csv.dvc');
    expect(imported.map((r: any) => [r.path, r.recorded_in, r.stage, r.dvc_md5, r.error])).toEqual([
      ['data/labels.csv', 'data/labels.csv.dvc', null, labels.outs[0].md5, null],
      ['data/raw', 'data/raw.dvc', null, (await recorded('data/raw.dvc')).outs[0].md5, null],
      ['data/prepared', 'dvc.lock', 'prepare', lock.stages.prepare.outs[0].md5, null],
    ]);
    expect(res.code).toBe(0);

    await datasets.until(4);
    const prepared = datasets.events.find((e) => e.value.datasetName === 'data/prepared')!.value;
    expect(prepared).toMatchObject({
      origin: 'DVC_IMPORT',
      dvcMd5: lock.stages.prepare.outs[0].md5,
      fileCount: 2,
      dvcStage: { name: 'prepare', cmd: 'python prepare.py', params: { 'params.yaml:prepare.seed': '42' } },
    });
    const used = prepared.meta.used.map((r: any) => `${r.kind}:${r.id} ${r.digest}`);
    const rawDep = lock.stages.prepare.deps.find((d: any) => d.path === 'data/raw');
    expect(used).toContain(`source:dvc:data/raw md5:${rawDep.md5.replace(/\.dir$/, '')}`);
    expect(used.some((u: string) => u.startsWith('source:dvc:prepare.py md5:'))).toBe(true);
  });

  it('refuses an output whose workspace copy no longer matches what DVC recorded', async () => {
    await writeFile(join(project, 'data', 'prepared', 'a.csv'), 'edited by hand\n');
    const res = await data('import-dvc', project, '--json');
    expect(res.code).toBe(1);
    const bad = JSON.parse(res.stdout).imported.find((r: any) => r.path === 'data/prepared');
    expect(bad.error).toContain('dvc_md5: DVC recorded');
    expect(bad.version).toBeNull();
  });
});
