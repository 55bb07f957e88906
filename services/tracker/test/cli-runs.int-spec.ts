import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, useTestEnv } from '@provenant/testing';
import { SCIENTIST, startTracker, type TrackerUnderTest } from './tracker-app';

/** A run's life from a shell script: `provenant runs start|log|end|search`, and provenant.yaml. */
describe('tracker: runs from the CLI', () => {
  const env = useTestEnv();
  let t: TrackerUnderTest;
  const cli = (args: string[]) => runCli(args, { PROVENANT_TRACKER_URL: t.url, PROVENANT_TOKEN: SCIENTIST });

  beforeAll(async () => {
    t = await startTracker(env());
  });
  afterAll(async () => {
    await t?.app.close();
  });

  it('starts, logs, ends and finds runs', async () => {
    const ids: string[] = [];
    for (const [epochs, auc] of [
      ['10', '0.71'],
      ['400', '0.89'],
    ]) {
      const start = await cli([
        'runs',
        'start',
        '--experiment',
        'cli-exp',
        '--name',
        `e${epochs}`,
        '--param',
        `epochs=${epochs}`,
        '--tag',
        'team=dispatch',
      ]);
      expect(start).toMatchObject({ code: 0, stderr: '' });
      const id = start.stdout.trim();
      ids.push(id);
      expect(
        await cli(['runs', 'log', id, '--metric', `auc=${auc}`, '--metric', 'loss=0.5', '--step', '3']),
      ).toMatchObject({
        code: 0,
        stdout: `logged 2 values to run ${id}\n`,
      });
      expect((await cli(['runs', 'end', id])).code).toBe(0);
    }
    const run = (await t.call('GET', `/api/2.0/mlflow/runs/get?run_id=${ids[1]}`)).body.run;
    expect(run.info.status).toBe('FINISHED');
    expect(run.data.params).toEqual([{ key: 'epochs', value: '400' }]);
    expect(run.data.metrics).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'auc', value: 0.89, step: 3 })]),
    );
    const tags = Object.fromEntries(
      run.data.tags.map((x: { key: string; value: string }) => [x.key, x.value]),
    );
    expect(tags).toMatchObject({
      team: 'dispatch',
      'mlflow.source.git.commit': expect.stringMatching(/^[0-9a-f]{40}$/),
    });

    const found = await cli([
      'runs',
      'search',
      '--experiment',
      'cli-exp',
      '--filter',
      'metrics.auc > 0.8',
      '--json',
    ]);
    expect(JSON.parse(found.stdout).map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([
      ids[1],
    ]);
    const table = await cli(['runs', 'search', '--experiment', 'cli-exp', '--order-by', 'metrics.auc DESC']);
    expect(table.stdout.indexOf(ids[1])).toBeLessThan(table.stdout.indexOf(ids[0]));
    expect(table.stdout).toContain('auc=0.89');
  }, 120_000);

  it('names bad input, and exits 2', async () => {
    expect(await cli(['runs', 'log', 'x', '--metric', 'auc=high'])).toMatchObject({
      code: 2,
      stderr: 'provenant: --metric auc=high: the value must be a number\n',
    });
    expect(await cli(['runs', 'start', '--experiment', 'e', '--param', 'epochs'])).toMatchObject({
      code: 2,
      stderr: 'provenant: --param "epochs": expected KEY=VALUE\n',
    });
    expect(await cli(['runs', 'end', 'x', '--status', 'DONE'])).toMatchObject({ code: 2 });
    const missing = await cli(['runs', 'end', 'no-such-run']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('RESOURCE_DOES_NOT_EXIST');
  }, 60_000);

  it('takes the tracker URL and token from provenant.yaml', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'proj-'));
    await writeFile(join(dir, 'provenant.yaml'), `token: ${SCIENTIST}\nservices:\n  tracker: ${t.url}\n`);
    const start = await runCli(
      ['runs', 'start', '--experiment', 'yaml-exp'],
      { PROVENANT_TRACKER_URL: '', PROVENANT_TOKEN: '' },
      dir,
    );
    expect(start).toMatchObject({ code: 0, stderr: '' });
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'servces: {}\n');
    const refused = await runCli(['status'], { PROVENANT_CONFIG: bad }, dir);
    expect(refused.code).toBe(78);
    expect(refused.stderr).toMatch(/bad\.yaml: \(file\): Unrecognized key.*\(servces\)/);
  }, 60_000);
});
