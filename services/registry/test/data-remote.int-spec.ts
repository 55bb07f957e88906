import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { s3ClientFrom } from '@provenant/blob-store';
import { startMotoServer, useTestEnv, type MotoServer } from '@provenant/testing';
import { startRegistryWithConsumer, TOKENS } from './fixtures/model-registry-app';
import { provenant } from './fixtures/run-cli';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under `dir`, relative path → SHA-256 of its bytes. */
async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) {
      const abs = join(e.parentPath, e.name);
      out[relative(dir, abs)] = sha256(await readFile(abs));
    }
  return out;
}

/** `data push` / `data checkout` through an S3-compatible bucket (moto's server mode, from PyPI). */
describe('registry: dataset content in the blob store (data push / checkout)', () => {
  const env = useTestEnv();
  let moto: MotoServer;
  let app: INestApplication;
  let url: string;
  let work: string;
  let source: string;
  const remote = 's3://datasets/team-a';
  const s3 = () => s3ClientFrom(moto.env);
  const keys = async () =>
    ((await s3().send(new ListObjectsV2Command({ Bucket: 'datasets' }))).Contents ?? []).map((o) => o.Key!);
  const data = (args: string[], extra: Record<string, string> = {}) =>
    provenant(['data', ...args], url, TOKENS.pipeline, {
      XDG_CACHE_HOME: join(work, 'cache'),
      PROVENANT_DATA_REMOTE: remote,
      ...moto.env,
      ...extra,
    });

  beforeAll(async () => {
    moto = await startMotoServer();
    await s3().send(new CreateBucketCommand({ Bucket: 'datasets' }));
    ({ app, url } = await startRegistryWithConsumer(env()));
    work = await mkdtemp(join(tmpdir(), 'data-remote-'));
    source = join(work, 'clicks');
    await mkdir(join(source, 'parts', 'deep'), { recursive: true });
    for (let i = 0; i < 12; i++)
      await writeFile(join(source, 'parts', `part-${i}.csv`), `id,v\n${i},${i * i}\n`);
    await writeFile(join(source, 'parts', 'deep', 'copy-of-0.csv'), 'id,v\n0,0\n'); // same bytes as part-0
    await writeFile(join(source, 'model.bin'), randomBytes(3 * 1024 * 1024));
    await writeFile(join(source, 'empty.txt'), '');
    const added = await data(['add', source, '--name', 'clicks', '--json']);
    expect(added.code).toBe(0);
  }, 10 * 60_000);

  afterAll(async () => {
    await app?.close();
    await moto?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('pushes each distinct content once, then re-pushing uploads nothing', async () => {
    const first = await data(['push', 'clicks@v1', '--json']);
    expect(first.stderr).not.toMatch(/error|changed|cannot/i);
    expect(first.code).toBe(0);
    // 15 files, 14 distinct contents (copy-of-0.csv repeats part-0.csv).
    expect(JSON.parse(first.stdout)).toMatchObject({
      version: 'clicks@v1',
      remote,
      files: 15,
      uploaded: 14,
      skipped: 0,
    });
    const stored = await keys();
    expect(stored).toHaveLength(14);
    const hex = sha256(await readFile(join(source, 'model.bin')));
    expect(stored).toContain(`team-a/sha256/${hex.slice(0, 2)}/${hex}`);

    const again = await data(['push', 'clicks@v1', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ uploaded: 0, skipped: 14, bytes_uploaded: 0 });
    expect(await keys()).toEqual(stored);
  });

  it('checks out into an empty directory byte for byte', async () => {
    const into = join(work, 'restored');
    await mkdir(into);
    const out = await data(['checkout', 'clicks@v1', into]);
    expect(out.stderr).not.toMatch(/error|corrupt|cannot/i);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/checked out clicks@v1 .*: 15 files/);
    expect(await hashTree(into)).toEqual(await hashTree(source));
    expect(await readdir(work)).not.toContainEqual(expect.stringMatching(/checkout-/));
  });

  it('needs a remote, and refuses a target that is not empty', async () => {
    const none = await data(['checkout', 'clicks@v1', join(work, 'x')], { PROVENANT_DATA_REMOTE: '' });
    expect(none).toMatchObject({ code: 2, stderr: expect.stringMatching(/no data remote: pass --remote/) });
    const bad = await data(['push', 'clicks@v1', '--remote', 'ftp://host/dir']);
    expect(bad).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--remote: expected file:\/\/\/DIR/),
    });
    const missing = await data(['push', 'clicks@v1', '--remote', 's3://no-such-bucket']);
    expect(missing).toMatchObject({ code: 69, stderr: expect.stringMatching(/blob store: NoSuchBucket/) });
    const full = await data(['checkout', 'clicks@v1', source]);
    expect(full).toMatchObject({ code: 2, stderr: expect.stringMatching(/already exists and is not empty/) });
  });

  it('refuses to push a file that changed since it was registered, naming it', async () => {
    const copy = join(work, 'changed');
    await mkdir(join(copy, 'parts', 'deep'), { recursive: true });
    for (const [path] of Object.entries(await hashTree(source)))
      await writeFile(join(copy, path), await readFile(join(source, path)));
    await writeFile(join(copy, 'empty.txt'), 'no longer empty');
    const out = await data(['push', 'clicks@v1', '--path', copy, '--remote', 's3://datasets/other']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`${join(copy, 'empty.txt')} changed since clicks@v1 was registered`);
    const emptyHex = sha256(Buffer.alloc(0));
    expect((await keys()).filter((k) => k.startsWith('other/') && k.endsWith(emptyHex))).toEqual([]);
  });

  it('fails a checkout from a tampered blob, naming the file, and writes nothing', async () => {
    const hex = sha256(await readFile(join(source, 'parts', 'part-7.csv')));
    const Key = `team-a/sha256/${hex.slice(0, 2)}/${hex}`;
    await s3().send(new PutObjectCommand({ Bucket: 'datasets', Key, Body: 'id,v\n7,48\n' }));
    const into = join(work, 'tampered');
    const out = await data(['checkout', 'clicks@v1', into, '--jobs', '2']);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`parts/part-7.csv of clicks@v1: the copy in ${remote} is corrupt`);
    expect(await stat(into).catch(() => null)).toBeNull();
    expect(await readdir(work)).not.toContainEqual(expect.stringMatching(/checkout-/));
  });
});
