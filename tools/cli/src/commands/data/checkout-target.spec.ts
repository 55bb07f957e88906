import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckoutTarget } from './checkout-target';

describe(CheckoutTarget.name, () => {
  let parent: string;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'checkout-'));
  });

  it('stages beside the target and renames onto an empty directory only on commit', async () => {
    await mkdir(join(parent, 'out'));
    const sut = await CheckoutTarget.prepare(join(parent, 'out'), false);
    await mkdir(join(sut.pathOf('a/b.txt'), '..'), { recursive: true });
    await writeFile(sut.pathOf('a/b.txt'), 'x');
    expect(await readdir(join(parent, 'out'))).toEqual([]);
    await sut.commit();
    expect(await readFile(join(parent, 'out', 'a', 'b.txt'), 'utf8')).toBe('x');
    expect(await readdir(parent)).toEqual(['out']);
  });

  it('refuses a non-empty target and manifest paths that leave the staging directory', async () => {
    await mkdir(join(parent, 'full'));
    await writeFile(join(parent, 'full', 'keep.txt'), 'mine');
    await expect(CheckoutTarget.prepare(join(parent, 'full'), false)).rejects.toThrow(/not empty/);
    const sut = await CheckoutTarget.prepare(join(parent, 'new'), false);
    expect(() => sut.pathOf('../escape')).toThrow(/unsafe path/);
    await sut.abandon();
    expect((await readdir(parent)).sort()).toEqual(['full']);
  });

  it('writes a single-file version to the target path itself', async () => {
    const sut = await CheckoutTarget.prepare(join(parent, 'data.csv'), true);
    await writeFile(sut.pathOf(''), 'id\n');
    await sut.commit();
    expect(await readFile(join(parent, 'data.csv'), 'utf8')).toBe('id\n');
  });
});
