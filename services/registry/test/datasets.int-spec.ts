import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { useTestEnv } from '@provenant/testing';
import { collectEvents } from './fixtures/registry-app';
import { httpTo, startRegistryWithConsumer, TOKENS, type Http } from './fixtures/model-registry-app';
import { provenant } from './fixtures/run-cli';
import { sha } from './fixtures/lineage-events';

describe('registry: dataset versions (data add / diff / verify)', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let url: string;
  let http: Http;
  let work: string;
  let cacheHome: string;
  let datasets: Awaited<ReturnType<typeof collectEvents>>;
  const data = (...args: string[]) =>
    provenant(['data', ...args], url, TOKENS.pipeline, { XDG_CACHE_HOME: cacheHome });

  beforeAll(async () => {
    ({ app, url } = await startRegistryWithConsumer(env()));
    http = httpTo(url);
    datasets = await collectEvents(env(), 'provenant.datasets.v1');
    work = await mkdtemp(join(tmpdir(), 'data-'));
    cacheHome = await mkdtemp(join(tmpdir(), 'cache-'));
    await mkdir(join(work, 'raw', 'nested'), { recursive: true });
    for (let i = 0; i < 20; i++) await writeFile(join(work, 'raw', `part-${i}.csv`), `id,v\n${i},${i * i}\n`);
    await writeFile(join(work, 'raw', 'nested', 'labels.csv'), 'id,label\n1,0\n');
  });

  afterAll(async () => {
    await datasets?.stop();
    await app?.close();
    await rm(work, { recursive: true, force: true });
    await rm(cacheHome, { recursive: true, force: true });
  });

  it('adds a directory: manifest per file, Merkle root, DVC .dir MD5, and DatasetVersionRegistered', async () => {
    const added = await data('add', join(work, 'raw'), '--name', 'clicks', '--json');
    expect(added.code).toBe(0);
    const v1 = JSON.parse(added.stdout);
    expect(v1).toMatchObject({
      created: true,
      name: 'clicks',
      version: 1,
      file_count: 21,
      hashed: 21,
      from_cache: 0,
      merkle_nodes_hashed: 20, // no tree cached yet: every inner node of 21 leaves
    });
    expect(added.stderr).not.toMatch(/warning/); // the CLI's root is the registry's
    expect(v1.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(v1.dvc_md5).toMatch(/^[0-9a-f]{32}\.dir$/);

    const read = await http('GET', '/api/provenant/datasets/clicks/versions/1');
    expect(read.body.manifest[0]).toEqual({
      path: 'nested/labels.csv',
      size: 13,
      sha256: sha('id,label\n1,0\n').slice(7),
      md5: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    await datasets.until(1);
    expect(datasets.events[0]).toMatchObject({
      eventType: 'DatasetVersionRegistered',
      key: 'clicks',
      value: {
        datasetName: 'clicks',
        version: 1,
        digest: v1.digest,
        origin: 'DIRECTORY',
        fileCount: 21,
        dvcMd5: v1.dvc_md5,
      },
    });
    expect(datasets.events[0].value.meta.generated[0]).toMatchObject({
      kind: 'dataset',
      id: `clicks@${v1.digest}`,
    });
  });

  it('re-adds unchanged content from the stat cache without a new version', async () => {
    const again = JSON.parse((await data('add', join(work, 'raw'), '--name', 'clicks', '--json')).stdout);
    expect(again).toMatchObject({
      created: false,
      version: 1,
      hashed: 0,
      from_cache: 21,
      merkle_nodes_hashed: 0,
    });
  });

  it('re-hashes only the changed file, and diffs versions in DVC shape', async () => {
    await writeFile(join(work, 'raw', 'part-3.csv'), 'id,v\n3,10\n');
    await rename(join(work, 'raw', 'part-7.csv'), join(work, 'raw', 'part-7-renamed.csv'));
    await rm(join(work, 'raw', 'part-9.csv'));
    await writeFile(join(work, 'raw', 'new.csv'), 'id\n');
    const readd = await data('add', join(work, 'raw'), '--name', 'clicks', '--json');
    const v2 = JSON.parse(readd.stdout);
    expect(v2).toMatchObject({ created: true, version: 2, file_count: 21 });
    // Same file count, so the cached tree was updated in place; new.csv sorts first and shifts
    // every leaf up to the deleted part-9.csv, so here that is nearly every node. Its root is
    // still the registry's (the CLI warns otherwise).
    expect(v2.merkle_nodes_hashed).toBeGreaterThan(0);
    expect(readd.stderr).not.toMatch(/warning/);
    expect(v2.hashed).toBeLessThanOrEqual(3); // the changed, the new and (inode kept) never the renamed content twice

    const diff = await data('diff', 'clicks@v1', 'clicks@v2', '--json');
    const parsed = JSON.parse(diff.stdout);
    expect(parsed.added.map((e: any) => e.path)).toEqual(['new.csv']);
    expect(parsed.deleted.map((e: any) => e.path)).toEqual(['part-9.csv']);
    expect(parsed.modified).toEqual([
      { path: 'part-3.csv', hash: { old: expect.any(String), new: expect.any(String) } },
    ]);
    expect(parsed.renamed.map((e: any) => e.path)).toEqual([
      { old: 'part-7.csv', new: 'part-7-renamed.csv' },
    ]);
    expect(parsed['not in cache']).toEqual([]);
    const text = await data('diff', 'clicks@v1', 'clicks');
    expect(text.stdout).toContain('files summary: 1 added, 1 deleted, 1 renamed, 1 modified');
  });

  it('verifies a local copy, naming every mismatch', async () => {
    const ok = await data('verify', 'clicks@v2', join(work, 'raw'));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('OK clicks@v2: 21 files match');
    await writeFile(join(work, 'raw', 'part-0.csv'), 'tampered\n');
    await rm(join(work, 'raw', 'part-1.csv'));
    await writeFile(join(work, 'raw', 'stray.csv'), 'x\n');
    const bad = await data('verify', 'clicks@v2', join(work, 'raw'), '--json');
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout);
    expect(report.ok).toBe(false);
    expect(report.mismatches.map((m: any) => [m.path, m.problem]).sort()).toEqual([
      ['part-0.csv', 'modified'],
      ['part-1.csv', 'missing'],
      ['stray.csv', 'extra'],
    ]);
  });

  it('rejects bad manifests naming the field, writing nothing; unknown versions are 404', async () => {
    const entry = { path: 'a.csv', size: 1, sha256: 'a'.repeat(64), md5: 'b'.repeat(32) };
    const cases: [unknown, string][] = [
      [{ name: 'bad name!', entries: [entry] }, 'name'],
      [{ name: 'x', entries: [{ ...entry, path: '../etc/passwd' }] }, 'entries.0.path'],
      [{ name: 'x', entries: [{ ...entry, sha256: 'XYZ' }] }, 'entries.0.sha256'],
      [{ name: 'x', entries: [entry, entry] }, 'entries'],
      [{ name: 'x', entries: [{ ...entry, size: -1 }] }, 'entries.0.size'],
    ];
    for (const [body, field] of cases) {
      const res = await http('POST', '/api/provenant/datasets', body, TOKENS.pipeline);
      expect(res.status).toBe(400);
      expect(res.body.issues.map((i: any) => i.path)).toContain(field);
    }
    expect((await http('GET', '/api/provenant/datasets/x/versions')).status).toBe(404);
    expect(
      (await http('POST', '/api/provenant/datasets', { name: 'x', entries: [entry] }, TOKENS.auditor)).status,
    ).toBe(403);
    expect((await http('GET', '/api/provenant/datasets/clicks/versions/9')).status).toBe(404);
    expect((await http('GET', '/api/provenant/datasets/clicks/versions/zero')).status).toBe(400);
    expect((await data('diff', 'clicks@v1', 'nope@v1')).code).toBe(1);
  });
});
